/**
 * Chart colours from VS Code's theme variables (`--vscode-charts-*`), re-read when the theme
 * changes: VS Code rewrites the `style` of <html> and the theme class of <body>.
 */

export interface Palette {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly blue: string;
  readonly red: string;
  readonly orange: string;
  readonly yellow: string;
  readonly green: string;
  readonly purple: string;
  readonly font: string;
}

const FALLBACK: Palette = {
  foreground: '#cccccc',
  muted: '#999999',
  grid: 'rgba(128,128,128,0.25)',
  blue: '#3794ff',
  red: '#f14c4c',
  orange: '#d18616',
  yellow: '#cca700',
  green: '#89d185',
  purple: '#b180d7',
  font: 'system-ui, sans-serif',
};

export function readPalette(root: Element = document.documentElement): Palette {
  const css = getComputedStyle(root);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-charts-foreground', v('--vscode-foreground', FALLBACK.foreground)),
    muted: v('--vscode-descriptionForeground', FALLBACK.muted),
    grid: v('--vscode-charts-lines', FALLBACK.grid),
    blue: v('--vscode-charts-blue', FALLBACK.blue),
    red: v('--vscode-charts-red', FALLBACK.red),
    orange: v('--vscode-charts-orange', FALLBACK.orange),
    yellow: v('--vscode-charts-yellow', FALLBACK.yellow),
    green: v('--vscode-charts-green', FALLBACK.green),
    purple: v('--vscode-charts-purple', FALLBACK.purple),
    font: v('--vscode-font-family', FALLBACK.font),
  };
}

/** Calls `onChange` with the new palette whenever the theme changes. */
export function watchTheme(onChange: (p: Palette) => void): void {
  let last = JSON.stringify(readPalette());
  const check = (): void => {
    const p = readPalette();
    const key = JSON.stringify(p);
    if (key === last) return;
    last = key;
    onChange(p);
  };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/** `#rgb`, `#rrggbb(aa)` or `rgb(a)(…)` → [r, g, b, a]; undefined when unparsable. */
export function parseColor(c: string): [number, number, number, number] | undefined {
  const s = c.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)).concat(1) as [number, number, number, number];
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)).concat(m[2] ? parseInt(m[2], 16) / 255 : 1) as [number, number, number, number];
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }
  return undefined;
}

/** `color` with opacity `alpha` (for bands and fills). */
export function withAlpha(color: string, alpha: number): string {
  const c = parseColor(color);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})` : color;
}

/** Linear blend of two colours, t ∈ [0, 1] (beeswarm: low feature value → high). */
export function mix(a: string, b: string, t: number): string {
  const x = parseColor(a);
  const y = parseColor(b);
  if (!x || !y) return t < 0.5 ? a : b;
  const k = Math.min(1, Math.max(0, t));
  const ch = (i: number): number => Math.round(x[i] + (y[i] - x[i]) * k);
  return `rgb(${ch(0)}, ${ch(1)}, ${ch(2)})`;
}
