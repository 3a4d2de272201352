import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } from 'hyparquet';
import { admitInputFile } from '../fileAccess';
import { loadCsv } from './csvLoader';
import { InputError } from './loadError';

/** Column names of a data file without reading its rows (CSV: first line; Parquet: footer schema). */
export async function readHeader(path: string): Promise<string[]> {
  if (/\.parquet$/i.test(path)) {
    await admitInputFile(path, 'data', 'data.load');
    try {
      const file = await asyncBufferFromFile(path);
      const metadata = await parquetMetadataAsync(file);
      return parquetSchema(metadata).children.map((c) => c.element.name);
    } catch (e) {
      throw new InputError(path, `not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const data = await loadCsv(path, { maxRows: 0 });
  return data.columns.map((c) => c.name);
}
