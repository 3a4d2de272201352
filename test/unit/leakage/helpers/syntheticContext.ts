import type { Column, Dataset } from '../../../../server/loaders/data/dataset';
import type { FeatureMatrix } from '../../../../server/engine/evaluator/featureMatrix';
import type { LeakageContext } from '../../../../server/engine/leakage/leakageContext';
import { seededRandom, type Random } from '../../../../server/engine/leakage/internal/seededRandom';

/** Small synthetic worlds for one check each: columns as arrays, a JS function as the model. */
export type Columns = Record<string, ArrayLike<number>>;

export function dataset(source: string, columns: Columns): Dataset {
  const cols: Column[] = Object.entries(columns).map(([name, v]) => {
    const values = Float64Array.from(v);
    return { kind: 'numeric', name, values, integer: values.every((x) => Number.isNaN(x) || Number.isInteger(x)) };
  });
  const rowCount = cols.length ? (cols[0] as { values: Float64Array }).values.length : 0;
  return { source, rowCount, columns: cols };
}

export function normal(random: Random): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export interface World {
  readonly n: number;
  /** Generates the columns (features, label, extra columns) for n rows. */
  readonly columns: (random: Random, n: number) => Columns;
  readonly features: readonly string[];
  readonly target: string;
  readonly task?: 'classification' | 'regression';
  /** The model: one row of features (in `features` order) → score. */
  readonly model?: (row: Float64Array) => number;
  readonly sensitive?: readonly string[];
  readonly time?: string;
  readonly expect?: Record<string, 'increasing' | 'decreasing'>;
  /** Which rows go to test; default a random 20%. */
  readonly isTest?: (columns: Columns, i: number, random: Random) => boolean;
  readonly seed?: number;
}

export function syntheticContext(w: World): LeakageContext {
  const random = seededRandom(w.seed ?? 42);
  const all = w.columns(random, w.n);
  const testRows: number[] = [];
  const trainRows: number[] = [];
  for (let i = 0; i < w.n; i++) ((w.isTest ? w.isTest(all, i, random) : random() < 0.2) ? testRows : trainRows).push(i);
  const pick = (rows: number[]): Columns => Object.fromEntries(Object.entries(all).map(([k, v]) => [k, rows.map((r) => v[r])]));
  const train = dataset('train', pick(trainRows));
  const test = dataset('test', pick(testRows));
  const labelsOf = (rows: number[]) => Float64Array.from(rows, (r) => all[w.target][r]);
  const model = w.model;
  const evaluate = model
    ? async (m: FeatureMatrix): Promise<Float64Array> => {
        const out = new Float64Array(m.rows);
        for (let i = 0; i < m.rows; i++) out[i] = model(m.data.subarray(i * m.cols, (i + 1) * m.cols));
        return out;
      }
    : undefined;
  const testPredictions = model
    ? Float64Array.from(testRows, (r) => model(Float64Array.from(w.features, (f) => all[f][r])))
    : undefined;
  return {
    train,
    test,
    features: w.features,
    target: w.target,
    task: w.task ?? 'classification',
    trainLabels: labelsOf(trainRows),
    testLabels: labelsOf(testRows),
    sensitive: w.sensitive ?? [],
    time: w.time,
    expect: w.expect ?? {},
    testPredictions,
    evaluate,
    seed: 3,
  };
}
