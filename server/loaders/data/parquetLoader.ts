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
    const chunks = new Map<string, Chunk[]>(wanted.map((n) => [n, []]));
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      onChunk: (chunk: Chunk) => chunks.get(chunk.columnName)?.push(chunk),
    });
    const rowCount = Number(metadata.num_rows);
    const categorical = new Set(options.categorical ?? []);
    const columns = wanted.map((name) => {
      const builder = new ColumnBuilder(name);
      const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
      let next = 0;
      for (const part of parts) {
        for (let r = Math.max(next, part.rowStart); r < part.rowEnd && r < rowCount; r++) {
          builder.push(part.columnData[r - part.rowStart] as string | number | boolean | null | bigint | Date);
          next = r + 1;
        }
      }
      if (builder.size !== rowCount) {
        throw new InputError(path, `column "${name}" has ${builder.size} values, the file declares ${rowCount} rows`);
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
