import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ColumnBuilder } from './columnBuilder';
import type { Dataset } from './dataset';
import { InputError } from './loadError';

export interface CsvOptions {
  /** Field delimiter; by default ',' or, for .tsv files, tab. */
  readonly delimiter?: string;
  /** Columns to read as categorical even when they hold numbers. */
  readonly categorical?: readonly string[];
  /** Stop after this many data rows (previews, header sniffing). */
  readonly maxRows?: number;
}

/**
 * Streams a CSV/TSV file through csv-parse into columns; the file is never held as one
 * string. The first row is the header. Errors name the file, line and column.
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(path) ? '\t' : ',');
  const source = createReadStream(path);
  const parser = source.pipe(
    parse({ delimiter, bom: true, relax_column_count: false, skip_empty_lines: true, info: true, to: options.maxRows !== undefined ? options.maxRows + 1 : undefined }),
  );
  // pipe() does not forward source errors (ENOENT, EACCES): hand them to the parser's iterator.
  source.on('error', (e) => parser.destroy(e));
  let builders: ColumnBuilder[] | undefined;
  let header: string[] = [];
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      lastLine = info.lines;
      if (!builders) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        header.forEach((h, i) => {
          if (!h) throw new InputError(path, `column ${i + 1} of the header has no name`, info.lines, i + 1);
          if (seen.has(h)) throw new InputError(path, `column name "${h}" appears twice in the header`, info.lines, i + 1);
          seen.add(h);
        });
        builders = header.map((h) => new ColumnBuilder(h));
        continue;
      }
      for (let j = 0; j < builders.length; j++) builders[j].push(record[j]);
    }
  } catch (e) {
    throw toInputError(path, e, lastLine);
  }
  if (!builders) throw new InputError(path, 'the file is empty: expected a header row and data rows', 1, 1);
  const categorical = new Set(options.categorical ?? []);
  const columns = builders.map((b) => b.build(categorical.has(b.name)));
  return { source: path, rowCount: builders[0]?.size ?? 0, columns };
}

interface CsvParseError {
  code?: string;
  message: string;
  lines?: number;
  column?: number | string;
  index?: number;
  record?: unknown;
}

function toInputError(path: string, e: unknown, lastGoodLine: number): InputError {
  if (e instanceof InputError) return e;
  const err = e as CsvParseError;
  if (err && typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    const col = typeof err.index === 'number' ? err.index + 1 : undefined;
    const hint: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed: add the closing double quote',
      CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'this row has a different number of fields than the header',
      CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field must be doubled ("")',
    };
    const detail = `${hint[err.code] ?? err.message.replace(/^Invalid (Record Length|Closing Quote): /, '')} (${err.code})`;
    // csv-parse reports where parsing stopped; an unclosed quote starts on the line after the last good record.
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastGoodLine + 1 : err.lines;
    return new InputError(path, detail, line, col);
  }
  const sys = e as NodeJS.ErrnoException;
  if (sys && sys.code === 'ENOENT') return new InputError(path, 'file not found');
  return new InputError(path, e instanceof Error ? e.message : String(e));
}
