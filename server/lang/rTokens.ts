import type { Token } from './types';

const RESERVED = new Set('if else repeat while function for next break TRUE FALSE NULL Inf NaN NA NA_integer_ NA_real_ NA_character_ in'.split(' '));

/**
 * R tokens: "strings" and 'strings' (backslash escapes), raw strings r"(...)" with any
 * dashes and ( [ { delimiters, `backquoted names` and bare names (letters, digits, . and _;
 * `df$age` gives `age`), skipping # comments, numbers and reserved words.
 */
export function rTokens(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if ((ch === 'r' || ch === 'R') && (text[i + 1] === '"' || text[i + 1] === "'") && /^-*[([{]/.test(text.slice(i + 2, i + 40))) {
      i = readRaw(text, i + 1, out);
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const start = i + 1;
      let j = start;
      let value = '';
      while (j < n && text[j] !== ch) {
        if (text[j] === '\\' && ch !== '`') {
          value += text[j + 1] ?? '';
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      out.push({ kind: ch === '`' ? 'identifier' : 'string', text: value, start, end: Math.min(j, n) });
      i = j + 1;
    } else if (/[\p{L}.]/u.test(ch) && !(ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}._]/u.test(text[j])) j++;
      const word = text.slice(i, j);
      if (!RESERVED.has(word)) out.push({ kind: 'identifier', text: word, start: i, end: j });
      i = j;
    } else if (/[0-9.]/.test(ch)) {
      while (i < n && /[0-9A-Za-z_.]/.test(text[i])) i++;
    } else i++;
  }
  return out;
}

/** r"---(...)---": the closing is the matching bracket, the same dashes and the quote. */
function readRaw(text: string, q: number, out: Token[]): number {
  const quote = text[q];
  let k = q + 1;
  while (text[k] === '-') k++;
  const dashes = text.slice(q + 1, k);
  const open = text[k];
  const close = open === '(' ? ')' : open === '[' ? ']' : '}';
  const start = k + 1;
  const terminator = close + dashes + quote;
  const end = text.indexOf(terminator, start);
  const stop = end < 0 ? text.length : end;
  out.push({ kind: 'string', text: text.slice(start, stop), start, end: stop });
  return end < 0 ? text.length : end + terminator.length;
}
