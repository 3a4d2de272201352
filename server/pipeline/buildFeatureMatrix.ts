import type { Dataset } from '../loaders/data/dataset';
import { columnByName, numericValue } from '../loaders/data/dataset';
import { InputError } from '../loaders/data/loadError';
import type { FeatureMatrix } from '../engine/evaluator/featureMatrix';

/**
 * The model features of a data set as a row-major float64 matrix. Categorical columns
 * become their dictionary codes when the model takes strings (`stringFeatures`), else the
 * numeric value of the category text (a column of numeric codes read as categorical).
 */
export function buildFeatureMatrix(data: Dataset, features: readonly string[], stringFeatures: ReadonlySet<string>): FeatureMatrix {
  const d = features.length;
  const out = new Float64Array(data.rowCount * d);
  features.forEach((name, j) => {
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
      for (let i = 0; i < data.rowCount; i++) {
        const c = column.codes[i];
        out[i * d + j] = c < 0 ? NaN : asNumber[c];
      }
      return;
    }
    for (let i = 0; i < data.rowCount; i++) out[i * d + j] = numericValue(column, i);
  });
  return { rows: data.rowCount, cols: d, data: out, names: features };
}
