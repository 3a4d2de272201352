/**
 * Model inputs as one row-major float64 matrix [rows, d] in the model's feature order.
 * Categorical features hold their dictionary codes (the input adapter turns them back into
 * strings or one-hot as the model expects); missing values are NaN.
 */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly names: readonly string[];
}

export function featureMatrix(rows: number, names: readonly string[], data?: Float64Array): FeatureMatrix {
  const cols = names.length;
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) {
    throw new RangeError(`featureMatrix: data has ${d.length} values, expected rows × cols = ${rows} × ${cols}`);
  }
  return { rows, cols, data: d, names };
}

export function matrixColumn(m: FeatureMatrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

export function matrixRows(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const out = new Float64Array(rows.length * m.cols);
  for (let i = 0; i < rows.length; i++) {
    out.set(m.data.subarray(rows[i] * m.cols, (rows[i] + 1) * m.cols), i * m.cols);
  }
  return { rows: rows.length, cols: m.cols, data: out, names: m.names };
}
