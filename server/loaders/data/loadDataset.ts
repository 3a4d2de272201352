import { loadCsv } from './csvLoader';
import type { Dataset } from './dataset';
import { InputError } from './loadError';
import { loadParquet } from './parquetLoader';

export const DATA_EXTENSIONS = ['.csv', '.tsv', '.parquet'] as const;

export function isDataFile(path: string): boolean {
  return /\.(csv|tsv|parquet)$/i.test(path);
}

/** Loads a CSV, TSV or Parquet file by its extension. */
export async function loadDataset(path: string, options: { categorical?: readonly string[] } = {}): Promise<Dataset> {
  if (/\.parquet$/i.test(path)) return loadParquet(path, options);
  if (/\.(csv|tsv)$/i.test(path)) return loadCsv(path, options);
  throw new InputError(path, 'unsupported data format: use .csv, .tsv or .parquet');
}
