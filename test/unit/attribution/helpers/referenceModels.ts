/** Test-only: every (dataset, model) in the fixtures that has a given reference file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REAL, fixturesAvailable, manifest } from './fixtures';

export const DATASETS = ['boston', 'breast_cancer', 'diabetes', 'iris', 'pima', 'wine'] as const;

export function modelsWithReference(suffix: string): Array<readonly [string, string]> {
  if (!fixturesAvailable()) return [];
  const out: Array<readonly [string, string]> = [];
  for (const ds of DATASETS) {
    for (const m of Object.keys(manifest(ds).models)) {
      if (existsSync(join(REAL, ds, `${m}.${suffix}`)) && existsSync(join(REAL, ds, `${m}.onnx`))) out.push([ds, m]);
    }
  }
  return out;
}
