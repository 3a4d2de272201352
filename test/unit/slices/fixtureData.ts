/**
 * Test helper: reads a fixture CSV into a columnar Dataset (numeric columns only, empty cell =
 * NaN), and a model's expected predictions. The product's own CSV loader lives in
 * server/loaders; this helper keeps the slice tests independent of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Column, Dataset } from '../../../server/loaders/data/dataset';

export { FIXTURES as FIXTURES_ROOT } from '../../helpers/fixtures';

export function loadNumericCsv(path: string): Dataset {
  const rows = parse(readFileSync(path, 'utf8'), { skip_empty_lines: true }) as string[][];
  const [header, ...body] = rows;
  const columns: Column[] = header.map((name, c) => {
    const values = Float64Array.from(body, (row) => (row[c] === '' ? NaN : Number(row[c])));
    const integer = values.every((v) => Number.isNaN(v) || Number.isInteger(v));
    return { kind: 'numeric', name, values, integer };
  });
  return { source: path, rowCount: body.length, columns };
}

export function numericColumn(data: Dataset, name: string): Float64Array {
  const column = data.columns.find((c) => c.name === name);
  if (!column || column.kind !== 'numeric') throw new Error(`no numeric column ${name} in ${data.source}`);
  return column.values;
}

/** `outputs.probabilities` ([N, C]) or `outputs.variable` ([N, 1]) of a `*.expected.json`, row-major. */
export function loadExpectedOutputs(path: string): { values: number[][]; kind: 'probabilities' | 'variable' } {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { outputs: { probabilities?: number[][]; variable?: number[][] } };
  if (file.outputs.probabilities) return { values: file.outputs.probabilities, kind: 'probabilities' };
  if (file.outputs.variable) return { values: file.outputs.variable, kind: 'variable' };
  throw new Error(`no probabilities or variable output in ${path}`);
}
