import type { Token } from './types';

/**
 * SQL tokens: identifiers (bare — matched without regard to case, as SQL folds them —
 * "double-quoted", `backticked`, [bracketed]) and 'string literals' ('' escapes a quote),
 * skipping -- line comments, # line comments (MySQL) and /* block comments *\/.
 */
export function sqlTokens(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    if ((ch === '-' && text[i + 1] === '-') || ch === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      const start = i + 1;
      let j = start;
      let value = '';
      while (j < n) {
        if (text[j] === close) {
          if (close !== ']' && text[j + 1] === close) {
            value += close; // doubled quote
            j += 2;
            continue;
          }
          break;
        }
        if (text[j] === '\n' && ch === '[') break;
        value += text[j];
        j++;
      }
      out.push({ kind: ch === "'" ? 'string' : 'identifier', text: value, start, end: j });
      i = j + 1;
    } else if (/[\p{L}_]/u.test(ch)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}_$]/u.test(text[j])) j++;
      out.push({ kind: 'identifier', text: text.slice(i, j), start: i, end: j, caseInsensitive: true });
      i = j;
    } else if (/[0-9]/.test(ch)) {
      while (i < n && /[0-9A-Za-z_.]/.test(text[i])) i++;
    } else i++;
  }
  return out;
}
