import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared reference fixtures (real models and data with library-computed references):
 * $MODELDIAG_FIXTURES, else ../shared/fixtures beside the repository, else this workplace's
 * /work/shared/fixtures (a fresh clone may live anywhere).
 */
export const FIXTURES = [process.env.MODELDIAG_FIXTURES, resolve(__dirname, '../../../shared/fixtures'), '/work/shared/fixtures'].find(
  (p): p is string => !!p && existsSync(join(p, 'README.md')),
) ?? resolve(__dirname, '../../../shared/fixtures');
export const REPO = resolve(__dirname, '../..');

export function readJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(FIXTURES, ...parts), 'utf8')) as T;
}

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export interface Manifest {
  dataset: string;
  task: 'binary' | 'multiclass' | 'regression';
  feature_columns: string[];
  label_column: string;
  models: Record<string, { metrics_test: Record<string, number>; files: Record<string, string> }>;
}

export function realDatasets(): string[] {
  return ['boston', 'breast_cancer', 'diabetes', 'iris', 'pima', 'wine'].filter((d) => existsSync(join(FIXTURES, 'real', d, 'manifest.json')));
}

export interface ExpectedPredictions {
  onnx: string;
  feature_columns: string[];
  tolerance_abs: number;
  tolerance_rel: number;
  outputs: Record<string, number[][] | number[]>;
}
