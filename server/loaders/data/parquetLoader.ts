import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { admitInputFile } from '../fileAccess';
import { ColumnBuilder } from './columnBuilder';
import type { Dataset } from './dataset';
import { InputError } from './loadError';

export interface ParquetOptions {
  readonly categorical?: readonly string[];
  readonly columns?: readonly string[];
}

interface Chunk {
  columnName: string;
  columnData: ArrayLike<unknown>;
  rowStart: number;
  rowEnd: number;
}

/**
 * Reads a Parquet file with hyparquet (pure JS; reads byte ranges of the file, column
 * chunk by column chunk, never the whole file as one string) into the same columnar
 * data set as the CSV loader. Nested columns are not supported and reported as such.
 */
export async function loadParquet(path: string, options: ParquetOptions = {}): Promise<Dataset> {
  await admitInputFile(path, 'data', 'data.load');
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    checkDeclaredRows(path, metadata);
    const schema = parquetSchema(metadata);
    const names = schema.children.map((c) => c.element.name);
    for (const c of schema.children) {
      if (c.children.length > 0) {
        throw new InputError(path, `column "${c.element.name}" is nested (struct/list); flatten it before analysis`);
      }
    }
    const wanted = options.columns ? names.filter((n) => options.columns!.includes(n)) : names;
    const rowCount = Number(metadata.num_rows);
    // Each decoded chunk goes into its column's builder as soon as it is contiguous with
    // what the builder holds, and is dropped: decoded pages never pile up for the whole file.
    // Numeric values go straight into arrays of the declared row count (no build copy) when
    // that count is plausible for the file's size.
    const expected = plausibleRows(rowCount, wanted.length, file.byteLength);
    const columnsIn = new Map(wanted.map((n) => [n, new ChunkedColumn(new ColumnBuilder(n, expected), rowCount)]));
    // One column chunk at a time (a row group's column): hyparquet fetches and decodes every
    // column chunk of the rows and columns it is asked for together, so a whole-file read
    // holds all compressed and decoded pages at once, and even a row group at a time holds a
    // row group's worth (≈ 100 MB at 100 000 rows × 50 columns) on top of the data.
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      for (const name of groupEnd > groupStart ? wanted : []) {
        await parquetRead({
          file,
          metadata,
          columns: [name],
          rowStart: groupStart,
          rowEnd: groupEnd,
          onChunk: (chunk: Chunk) => columnsIn.get(chunk.columnName)?.add(chunk),
        });
      }
      groupStart = groupEnd;
    }
    const categorical = new Set(options.categorical ?? []);
    const columns = wanted.map((name) => {
      const builder = columnsIn.get(name)!.finish();
      // Drop the builder's chunks as soon as its column is built: holding every builder
      // until the end would keep the data twice.
      columnsIn.delete(name);
      if (builder.size !== rowCount) {
        // The footer's row counts are forged or the pages were cut short: either way the rows cannot be trusted.
        throw new InputError(path, `column "${name}" has ${builder.size} values, the file declares ${rowCount} rows; the file is damaged: write it again`);
      }
      return builder.build(categorical.has(name));
    });
    return { source: path, rowCount, columns };
  } catch (e) {
    if (e instanceof InputError) throw e;
    const sys = e as NodeJS.ErrnoException;
    if (sys?.code === 'ENOENT') throw new InputError(path, 'file not found');
    throw new InputError(path, `not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One column's chunks in row order into its builder; a chunk that arrives early waits for the gap before it. */
class ChunkedColumn {
  private readonly waiting: Chunk[] = [];

  constructor(
    private readonly builder: ColumnBuilder,
    private readonly rowCount: number,
  ) {}

  add(chunk: Chunk): void {
    this.waiting.push(chunk);
    this.waiting.sort((a, b) => a.rowStart - b.rowStart);
    while (this.waiting.length && this.waiting[0].rowStart <= this.builder.size) this.append(this.waiting.shift()!);
  }

  finish(): ColumnBuilder {
    for (const chunk of this.waiting.splice(0)) this.append(chunk);
    return this.builder;
  }

  private append(part: Chunk): void {
    const from = Math.max(this.builder.size, part.rowStart);
    const to = Math.min(part.rowEnd, this.rowCount);
    if (from >= to) return;
    const data = part.columnData;
    if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array) {
      this.builder.pushNumbers(data, from - part.rowStart, to - part.rowStart);
      return;
    }
    for (let r = from; r < to; r++) this.builder.push(data[r - part.rowStart] as string | number | boolean | null | bigint | Date);
  }
}

/**
 * Reserved float64 bytes allowed per byte of file, and below this total always: dictionary
 * and run-length pages compress well (a flag column can take a bit per row), but a footer
 * declaring 2^31 rows in a few KB is forged. Columns of implausible files grow in chunks as
 * their pages arrive instead (and fail the row-count check at the end).
 */
const RESERVE_PER_FILE_BYTE = 64;
const RESERVE_ALWAYS_BYTES = 256 * 2 ** 20;

/** The declared row count when reserving it for every column is plausible, else 0 (grow as pages arrive). */
export function plausibleRows(rowCount: number, columns: number, fileBytes: number): number {
  const bytes = rowCount * 8 * Math.max(1, columns);
  return bytes <= Math.max(RESERVE_ALWAYS_BYTES, RESERVE_PER_FILE_BYTE * fileBytes) ? rowCount : 0;
}

/** Largest row count we accept from a footer: beyond it the file is forged or far too big to hold in memory. */
const MAX_PARQUET_ROWS = 2 ** 31 - 1;

/** Refuses a footer whose row counts are negative, absurd or disagree with its row groups, before any page is read. */
export function checkDeclaredRows(path: string, metadata: { num_rows: bigint | number; row_groups: readonly { num_rows: bigint | number }[] }): void {
  const total = Number(metadata.num_rows);
  if (!Number.isSafeInteger(total) || total < 0 || total > MAX_PARQUET_ROWS) {
    throw new InputError(path, `the footer declares ${String(metadata.num_rows)} rows, which cannot be right; the file is damaged: write it again`);
  }
  let sum = 0;
  for (const g of metadata.row_groups) {
    const n = Number(g.num_rows);
    if (!Number.isSafeInteger(n) || n < 0) throw new InputError(path, `a row group declares ${String(g.num_rows)} rows; the file is damaged: write it again`);
    sum += n;
  }
  if (sum !== total) throw new InputError(path, `the footer declares ${total} rows but its row groups hold ${sum}; the file is damaged: write it again`);
}
