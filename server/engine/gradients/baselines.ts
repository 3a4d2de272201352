/**
 * Baselines x' for Integrated Gradients (Sundararajan et al. 2017, §3: "the baseline should
 * convey a complete absence of signal"): all zeros, the mean of a background sample (the
 * usual choice for tabular data, whose zero is often outside the data), or a given row.
 */
export type Baseline =
  | { readonly kind: 'zero' }
  /** Column means of a row-major [rows, d] background; NaN cells (missing) are skipped. */
  | { readonly kind: 'mean'; readonly background: Float64Array; readonly rows: number }
  | { readonly kind: 'row'; readonly values: Float64Array };

export function baselineVector(baseline: Baseline, d: number): Float64Array {
  switch (baseline.kind) {
    case 'zero':
      return new Float64Array(d);
    case 'row':
      if (baseline.values.length !== d) throw new RangeError(`baseline row has ${baseline.values.length} values, the model has ${d} features`);
      if (baseline.values.some((v) => !Number.isFinite(v))) throw new RangeError('baseline row holds a missing or infinite value; impute it first');
      return Float64Array.from(baseline.values);
    case 'mean': {
      const { background, rows } = baseline;
      if (background.length !== rows * d) throw new RangeError(`background has ${background.length} values, expected rows × d = ${rows} × ${d}`);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        let s = 0;
        let n = 0;
        for (let i = 0; i < rows; i++) {
          const v = background[i * d + j];
          if (Number.isFinite(v)) {
            s += v;
            n++;
          }
        }
        if (!n) throw new RangeError(`background column ${j} has no finite value; a mean baseline needs at least one`);
        out[j] = s / n;
      }
      return out;
    }
  }
}
