/** Test-only access to /work/shared/fixtures (see its README): CSV → FeatureMatrix, JSON references. */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { featureMatrix, type FeatureMatrix } from '../../../../server/engine/evaluator/featureMatrix';

import { FIXTURES } from '../../../helpers/fixtures';
export { FIXTURES };
export const REAL = join(FIXTURES, 'real');

export function fixturesAvailable(): boolean {
  return existsSync(REAL);
}

export interface Manifest {
  readonly feature_columns: string[];
  readonly label_column: string;
  readonly task: string;
  readonly models: Record<string, { references?: Record<string, string>; files: Record<string, string> }>;
}

export function manifest(dataset: string): Manifest {
  return JSON.parse(readFileSync(join(REAL, dataset, 'manifest.json'), 'utf8')) as Manifest;
}

export function readJson<T>(dataset: string, file: string): T {
  return JSON.parse(readFileSync(join(REAL, dataset, file), 'utf8')) as T;
}

/** Reads the named feature columns of a CSV (empty cell = NaN) and optionally one more column. */
export function readCsv(dataset: string, file: string, features: readonly string[], extra?: string): { x: FeatureMatrix; extra: Float64Array } {
  const records = parse(readFileSync(join(REAL, dataset, file), 'utf8'), { columns: true }) as Record<string, string>[];
  const data = new Float64Array(records.length * features.length);
  const extraValues = new Float64Array(records.length);
  records.forEach((rec, i) => {
    features.forEach((f, j) => {
      const cell = rec[f];
      if (cell === undefined) throw new Error(`${file}: no column ${f}`);
      data[i * features.length + j] = cell === '' ? NaN : Number(cell);
    });
    if (extra) extraValues[i] = Number(rec[extra]);
  });
  return { x: featureMatrix(records.length, features, data), extra: extraValues };
}

export function modelPath(dataset: string, model: string): string {
  return join(REAL, dataset, `${model}.onnx`);
}

/** The fixtures' prediction tolerance (README): 1e-5 abs + 1e-6 × max |output|. */
export function predictionTolerance(maxAbsOutput: number): number {
  return 1e-5 + 1e-6 * maxAbsOutput;
}
