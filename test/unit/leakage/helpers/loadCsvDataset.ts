import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Column, Dataset } from '../../../../server/loaders/data/dataset';

/**
 * Test-only CSV → Dataset: a column is numeric when every non-empty cell parses as a
 * number (empty cell = NaN), otherwise categorical. The product's loader lives elsewhere.
 */
export function loadCsvDataset(path: string): Dataset {
  const records = parse(readFileSync(path, 'utf8'), { columns: false, skip_empty_lines: true }) as string[][];
  const [header, ...rows] = records;
  const columns: Column[] = header.map((name, j) => {
    const cells = rows.map((r) => r[j] ?? '');
    const numeric = cells.every((c) => c === '' || Number.isFinite(Number(c)));
    if (numeric) {
      const values = Float64Array.from(cells, (c) => (c === '' ? NaN : Number(c)));
      const integer = values.every((v) => Number.isNaN(v) || Number.isInteger(v));
      return { kind: 'numeric', name, values, integer };
    }
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(cells, (c) => {
      if (c === '') return -1;
      let k = index.get(c);
      if (k === undefined) {
        k = dictionary.length;
        dictionary.push(c);
        index.set(c, k);
      }
      return k;
    });
    return { kind: 'categorical', name, codes, dictionary };
  });
  return { source: path, rowCount: rows.length, columns };
}
