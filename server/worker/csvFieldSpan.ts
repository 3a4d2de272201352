import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The character span of a field on one line of a CSV/TSV file. The CSV loader's InputError
 * `column` counts fields (csv-parse's field index + 1), not characters, so an editor range
 * needs the line's text: `field` 1-based, `line` 1-based; undefined field = the whole line.
 * Returns 0-based [start, end) characters, or undefined when the line does not exist.
 */
export async function csvFieldSpan(path: string, line: number, field: number | undefined): Promise<{ start: number; end: number } | undefined> {
  const text = await readLine(path, line);
  if (text === undefined) return undefined;
  if (field === undefined) return { start: 0, end: text.length };
  const delimiter = /\.tsv$/i.test(path) ? '\t' : ',';
  let start = 0;
  let current = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      if (current === field) return { start, end: i };
      current++;
      start = i + 1;
    }
  }
  return current === field ? { start, end: text.length } : { start: 0, end: text.length };
}

async function readLine(path: string, line: number): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      if (++n === line) return n === 1 ? text.replace(/^\uFEFF/, '') : text;
    }
  } catch {
    return undefined;
  } finally {
    lines.close();
  }
  return undefined;
}
