import type { Token } from './types';

/** Python keywords: never a reference even when a column has the same name ("class"). */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case'.split(' '),
);

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const PREFIX = /^[rRbBuUfF]{1,2}$/;

/**
 * Python tokens: string literals (any prefix, single or triple quotes, escapes) and
 * identifiers, skipping comments and numbers. A string's token is its content; an
 * unterminated one-line string ends at the line end, an unterminated triple-quoted one at
 * the end of the text. f-strings are kept whole (a placeholder never equals a name).
 */
export function pythonTokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '"' || ch === "'") {
      i = readString(text, i, '', out);
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j])) j++;
      const word = text.slice(i, j);
      if ((text[j] === '"' || text[j] === "'") && PREFIX.test(word)) {
        i = readString(text, j, word, out);
        continue;
      }
      if (!KEYWORDS.has(word)) out.push({ kind: 'identifier', text: word, start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[0-9A-Za-z_.]/.test(text[i])) i++;
    } else i++;
  }
  return out;
}

/** Reads the string starting at the quote `q0`; pushes its content token; returns the offset after it. */
function readString(text: string, q0: number, prefix: string, out: Token[]): number {
  const quote = text[q0];
  const raw = /[rR]/.test(prefix);
  const triple = text.startsWith(quote.repeat(3), q0);
  const open = triple ? 3 : 1;
  const start = q0 + open;
  let i = start;
  let value = '';
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      value += raw ? ch + next : unescape(next);
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return push(out, value, start, i, i);
    if (ch === quote && (!triple || text.startsWith(quote.repeat(3), i))) return push(out, value, start, i, i + open);
    value += ch;
    i++;
  }
  return push(out, value, start, text.length, text.length);
}

function push(out: Token[], value: string, start: number, end: number, next: number): number {
  out.push({ kind: 'string', text: value, start, end });
  return next;
}

function unescape(c: string): string {
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '0' ? '\0' : c;
}
