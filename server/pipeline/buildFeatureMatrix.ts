import type { Dataset } from '../loaders/data/dataset';
import { columnByName, numericValue } from '../loaders/data/dataset';
import { InputError } from '../loaders/data/loadError';
import type { RowSource } from '../engine/evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../engine/evaluator/featureMatrix';

/**
 * The model features of a data set as a row-major float64 matrix. Categorical columns
 * become their dictionary codes when the model takes strings (`stringFeatures`), else the
 * numeric value of the category text (a column of numeric codes read as categorical).
 * With `rows`, only those rows (in that order): a sample for model-based analyses.
 */
export function buildFeatureMatrix(data: Dataset, features: readonly string[], stringFeatures: ReadonlySet<string>, rows?: ArrayLike<number>): FeatureMatrix {
  const d = features.length;
  const readers = featureReaders(data, features, stringFeatures);
  const n = rows ? rows.length : data.rowCount;
  const out = new Float64Array(n * d);
  readers.forEach((read, j) => {
    if (rows) for (let i = 0; i < n; i++) out[i * d + j] = read(rows[i]);
    else for (let i = 0; i < n; i++) out[i * d + j] = read(i);
  });
  return { rows: n, cols: d, data: out, names: features };
}

/**
 * Every row of the data set, for the evaluator to fill batch by batch (the same values as
 * buildFeatureMatrix), so predicting all rows needs no second full copy of the data.
 */
export function featureRowSource(data: Dataset, features: readonly string[], stringFeatures: ReadonlySet<string>): RowSource {
  const d = features.length;
  const readers = featureReaders(data, features, stringFeatures);
  return {
    rows: data.rowCount,
    fill: (start, n, out) => {
      readers.forEach((read, j) => {
        for (let i = 0; i < n; i++) out[i * d + j] = read(start + i);
      });
    },
  };
}

/** One reader per feature: row → the number the model is given. Validates the columns once. */
function featureReaders(data: Dataset, features: readonly string[], stringFeatures: ReadonlySet<string>): ((row: number) => number)[] {
  return features.map((name) => {
    const column = columnByName(data, name);
    if (!column) {
      throw new InputError(data.source, `feature "${name}" is not a column of this file; columns: ${data.columns.map((c) => c.name).slice(0, 12).join(', ')}`, 1, undefined, 'data.load');
    }
    if (column.kind === 'categorical' && !stringFeatures.has(name)) {
      const asNumber = column.dictionary.map((v) => Number(v));
      const bad = column.dictionary.findIndex((v, k) => v.trim() === '' || !Number.isFinite(asNumber[k]));
      if (bad >= 0) {
        throw new InputError(data.source, `feature "${name}" holds text ("${column.dictionary[bad]}") but the model takes numbers; encode it as the model was trained (e.g. one-hot columns) before analysis`, undefined, undefined, 'data.load');
      }
      const codes = column.codes;
      return (i) => (codes[i] < 0 ? NaN : asNumber[codes[i]]);
    }
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      const values = column.values;
      return (i) => values[i];
    }
    return (i) => numericValue(column, i);
  });
}
