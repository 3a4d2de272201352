/** Element building without innerHTML: every string ends up as text, never markup. */

export type Child = Node | string | number | false | null | undefined;
export type Attrs = Readonly<Record<string, string | number | boolean | undefined | ((e: Event) => void)>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** A <canvas> in a sized box (chart.js needs a positioned parent to be responsive). */
export function chartBox(label: string, height = 280): { box: HTMLDivElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: 'chart' }, canvas);
  box.style.height = `${height}px`;
  return { box, canvas };
}

/** A table from a header and rows; numeric cells are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly Child[])[], caption?: string): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : undefined,
    h('thead', {}, h('tr', {}, ...header.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', { class: typeof c === 'number' || (typeof c === 'string' && /^[-−+]?[\d.,]+(e[-+]?\d+)?%?$|^–$/.test(c)) ? 'num' : undefined }, c))))),
  );
}
