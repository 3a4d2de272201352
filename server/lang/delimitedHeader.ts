import type { Token } from './types';

/**
 * The column names in the header line of a CSV (`,`) or TSV (tab) file: quote-aware
 * ("a,b" is one field, "" an escaped quote), spaces around a field trimmed, a BOM skipped.
 * A quoted field may span lines; the header ends at the first newline outside quotes.
 */
export function delimitedHeader(text: string, delimiter: ',' | '\t'): Token[] {
  const out: Token[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i <= n) {
    while (i < n && text[i] === ' ') i++;
    if (text[i] === '"') {
      const start = i + 1;
      let j = start;
      let value = '';
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      out.push({ kind: 'header', text: value, start, end: Math.min(j, n) });
      i = j + 1;
      while (i < n && text[i] !== delimiter && text[i] !== '\n') i++;
    } else {
      const start = i;
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      let end = i;
      while (end > start && text[end - 1] === ' ') end--;
      if (end > start) out.push({ kind: 'header', text: text.slice(start, end), start, end });
      while (i < n && text[i] === '\r') i++;
    }
    if (i >= n || text[i] === '\n') break;
    i++; // the delimiter
  }
  return out;
}

