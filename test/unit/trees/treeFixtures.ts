/**
 * Test helpers: reading the shared reference fixtures (../shared/fixtures, see its README).
 * Only tests read files; the engine code under test never does.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { decodeOnnx } from '../../../server/loaders/model/onnxProto';
import { parseTreeEnsemble } from '../../../server/engine/trees/treeEnsemble';
import type { TreeEnsembleModel } from '../../../server/engine/trees/treeEnsembleTypes';

import { FIXTURES as fixturesRoot } from '../../helpers/fixtures';
export { fixturesRoot };
export const realRoot = path.join(fixturesRoot, 'real');

export interface Manifest {
  readonly dataset: string;
  readonly feature_columns: string[];
  readonly models: Record<string, { files: Record<string, string> }>;
}

export function datasets(): string[] {
  return readdirSync(realRoot).filter((d) => existsSync(path.join(realRoot, d, 'manifest.json'))).sort();
}

export function manifest(dataset: string): Manifest {
  return JSON.parse(readFileSync(path.join(realRoot, dataset, 'manifest.json'), 'utf8')) as Manifest;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Row-major float64 matrix of the named columns; empty cells are NaN (missing). */
export function readCsvColumns(file: string, columns: readonly string[]): { rows: number; data: Float64Array } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const index = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`${file}: no column '${c}'`);
    return i;
  });
  const rows = lines.length - 1;
  const data = new Float64Array(rows * columns.length);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    index.forEach((i, j) => {
      data[r * columns.length + j] = cells[i] === '' ? NaN : Number(cells[i]);
    });
  }
  return { rows, data };
}

export function loadTreeModel(file: string): TreeEnsembleModel {
  const parsed = parseTreeEnsemble(decodeOnnx(readFileSync(file)));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
  return parsed.model;
}

/** Tree-ensemble ONNX files of a data set (names without extension). */
export function treeModels(dataset: string): string[] {
  return readdirSync(path.join(realRoot, dataset))
    .filter((f) => f.endsWith('.onnx') && !/^(logreg|mlp)/.test(f))
    .map((f) => f.replace(/\.onnx$/, ''))
    .sort();
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function flat(nested: unknown): number[] {
  return (nested as unknown[]).flat(Infinity as 1) as number[];
}
