import { columnAsNumbers, columnByName, type Dataset } from '../../../loaders/data/dataset';
import { featureMatrix, type FeatureMatrix } from '../../evaluator/featureMatrix';

/** A column as numbers (see dataset.columnAsNumbers), or undefined when absent. */
export function numbersOf(data: Dataset, name: string): Float64Array | undefined {
  const c = columnByName(data, name);
  return c ? columnAsNumbers(c) : undefined;
}

/**
 * Train rows followed by test rows of one column; undefined if either split lacks it.
 * When both splits are the same data set (a single data file), its rows are used once:
 * counting a row twice would let cross-fitting see it in two folds and reward memorising.
 */
export function pooledNumbers(train: Dataset, test: Dataset, name: string): Float64Array | undefined {
  if (train === test) return numbersOf(train, name);
  const a = numbersOf(train, name);
  const b = numbersOf(test, name);
  if (!a || !b) return undefined;
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Labels of the pooled rows, in pooledNumbers order. */
export function pooledLabels(ctx: { train: Dataset; test: Dataset; trainLabels: Float64Array; testLabels: Float64Array }): Float64Array {
  return ctx.train === ctx.test ? ctx.trainLabels : concat(ctx.trainLabels, ctx.testLabels);
}

export function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Model inputs for the given rows (all rows when omitted), columns in `features` order. */
export function modelInputs(data: Dataset, features: readonly string[], rows?: ArrayLike<number>): FeatureMatrix {
  const cols = features.map((f) => {
    const v = numbersOf(data, f);
    if (!v) throw new RangeError(`leakage: data set ${data.source} has no column '${f}' that the model needs`);
    return v;
  });
  const n = rows ? rows.length : data.rowCount;
  const d = features.length;
  const m = featureMatrix(n, features);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    for (let j = 0; j < d; j++) m.data[i * d + j] = cols[j][r];
  }
  return m;
}
