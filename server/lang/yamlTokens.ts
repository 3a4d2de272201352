import type { Token } from './types';

/**
 * YAML tokens: mapping keys and scalar values — plain, 'single-quoted' ('' escapes a quote)
 * and "double-quoted" (backslash escapes) — in block and flow style. Skips # comments (at a
 * line start or after whitespace), anchors, aliases, tags, document markers and the content
 * of block scalars (| and >), which is free text.
 */
export function yamlTokens(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  /** Indentation of the line that opened a block scalar; -1 = none. */
  let blockIndent = -1;
  while (i < n) {
    if (lineStart) {
      let j = i;
      while (j < n && text[j] === ' ') j++;
      indent = j - i;
      const blank = j >= n || text[j] === '\n' || text[j] === '\r';
      if (blockIndent >= 0 && (blank || indent > blockIndent)) {
        i = skipLine(text, i);
        continue;
      }
      blockIndent = -1;
      lineStart = false;
      if (text.startsWith('---', j) || text.startsWith('...', j)) {
        i = skipLine(text, j);
        continue;
      }
      i = j;
      continue;
    }
    const ch = text[i];
    if (ch === '\n') {
      lineStart = true;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') i++;
    else if (ch === '#') i = skipLine(text, i);
    else if (ch === '[' || ch === '{') {
      flow++;
      i++;
    } else if (ch === ']' || ch === '}') {
      flow = Math.max(0, flow - 1);
      i++;
    } else if (ch === ',' && flow > 0) i++;
    else if ((ch === '-' || ch === '?' || ch === ':') && isSpace(text[i + 1])) i++;
    else if ((ch === '|' || ch === '>') && flow === 0 && /^[|>][-+0-9]*[ \t]*(#.*)?(\r?\n|$)/.test(text.slice(i, i + 80))) {
      blockIndent = indent; // lines indented deeper than this one are the scalar's text
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (ch === '&' || ch === '*' || ch === '!') {
      while (i < n && !isSpace(text[i]) && !(flow > 0 && /[,\]}]/.test(text[i]))) i++;
    } else if (ch === "'" || ch === '"') {
      i = quoted(text, i, out);
    } else {
      i = plain(text, i, flow > 0, out);
    }
  }
  return out;
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

function quoted(text: string, q: number, out: Token[]): number {
  const quote = text[q];
  const start = q + 1;
  let i = start;
  let value = '';
  while (i < text.length) {
    const ch = text[i];
    if (quote === "'" && ch === "'" && text[i + 1] === "'") {
      value += "'";
      i += 2;
      continue;
    }
    if (quote === '"' && ch === '\\') {
      value += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === quote) break;
    value += ch;
    i++;
  }
  out.push({ kind: isKeyAfter(text, i + 1) ? 'key' : 'string', text: value, start, end: Math.min(i, text.length) });
  return i + 1;
}

/** A plain scalar ends at a line end, ": ", " #", and in flow context at , [ ] { }. */
function plain(text: string, s: number, inFlow: boolean, out: Token[]): number {
  let i = s;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') break;
    if (ch === ':' && (isSpace(text[i + 1]) || (inFlow && /[,\]}]/.test(text[i + 1] ?? '')))) break;
    if (ch === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    if (inFlow && /[,[\]{}]/.test(ch)) break;
    i++;
  }
  let end = i;
  while (end > s && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end > s) out.push({ kind: text[i] === ':' ? 'key' : 'string', text: text.slice(s, end), start: s, end });
  return i === s ? i + 1 : i;
}

function isKeyAfter(text: string, i: number): boolean {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':';
}
