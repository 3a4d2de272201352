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

/** Cells that read as numbers ("0.97", "×5.3", "0.58 [0.56, 0.61]", "–") are right-aligned and kept on one line. */
const NUMERIC = /^([-−+×]?\d|[-−+]?\.\d|–$)/;

/** A table from a header and rows; `textColumns` are never treated as numeric. */
export function table(header: readonly string[], rows: readonly (readonly Child[])[], caption?: string, textColumns: readonly number[] = [0]): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : undefined,
    h('thead', {}, h('tr', {}, ...header.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: !textColumns.includes(i) && (typeof c === 'number' || (typeof c === 'string' && NUMERIC.test(c))) ? 'num' : undefined }, c))))),
  );
}
