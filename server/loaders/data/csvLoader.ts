import { parse } from 'csv-parse';
import { openInputStream } from '../fileAccess';
import { ColumnBuilder } from './columnBuilder';
import { CsvInputGuard } from './csvInputGuard';
import { countCsvRecords } from './csvRecordCount';
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

/** Longest record (characters) before the parser gives up: far above any real row, bounds an unclosed quote's memory. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * Streams a CSV/TSV file through csv-parse into columns; the file is never held as one
 * string. The first row is the header. Errors name the file, line and column.
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(path) ? '\t' : ',');
  const source = await openInputStream(path, 'data', 'data.load');
  // Whole-file loads reserve every numeric column at its final size (a previews' few rows need no count).
  const expected = options.maxRows === undefined ? Math.max(0, (await countCsvRecords(path)) - 1) : 0;
  const guard = new CsvInputGuard(path);
  const parser = source.pipe(guard).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
      info: true,
      // Windows, Unix and old-Mac line ends, even mixed in one file.
      record_delimiter: ['\r\n', '\n', '\r'],
      // An unclosed quote would otherwise swallow the rest of the file into one field.
      max_record_size: MAX_RECORD_CHARS,
      to: options.maxRows !== undefined ? options.maxRows + 1 : undefined,
    }),
  );
  // pipe() does not forward source errors (ENOENT, EACCES, a NUL byte): hand them to the parser's iterator.
  source.on('error', (e) => parser.destroy(e));
  guard.on('error', (e) => parser.destroy(e));
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
        builders = header.map((h) => new ColumnBuilder(h, expected));
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
  // csv-parse codes start with CSV_, except INVALID_OPENING_QUOTE.
  if (err && typeof err.code === 'string' && (err.code.startsWith('CSV_') || err.code === 'INVALID_OPENING_QUOTE')) {
    const col = typeof err.index === 'number' ? err.index + 1 : undefined;
    const hint: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed: add the closing double quote',
      CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'this row has a different number of fields than the header',
      CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field must be doubled ("")',
      INVALID_OPENING_QUOTE: 'a field holding a double quote must itself be quoted, with the quote doubled ("")',
      CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_CHARS} characters: most likely a quoted field is never closed (add the closing double quote)`,
    };
    const detail = `${hint[err.code] ?? err.message.replace(/^Invalid (Record Length|Closing Quote|Opening Quote): /, '')} (${err.code})`;
    // csv-parse reports where parsing stopped; an unclosed quote starts on the line after the last good record.
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE' ? lastGoodLine + 1 : err.lines ?? lastGoodLine + 1;
    return new InputError(path, detail, line, col);
  }
  const sys = e as NodeJS.ErrnoException;
  if (sys && sys.code === 'ENOENT') return new InputError(path, 'file not found');
  return new InputError(path, e instanceof Error ? e.message : String(e));
}
