/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised
 * inputs with mean imputation. Small and deterministic: used to ask "do all features
 * together predict this attribute?" (proxy check), not as a product model.
 */
export interface LogisticModel {
  predict(x: Float64Array): number;
}

/** Ridge penalty on standardised coefficients: stabilises separable or collinear inputs. */
export const RIDGE = 1;
export const NEWTON_ITERATIONS = 25;

/** `columns[j][i]` = feature j of row i; `y` 0/1; `rows` = which rows to fit on. */
export function fitLogistic(columns: readonly Float64Array[], y: ArrayLike<number>, rows: ArrayLike<number>): LogisticModel {
  const d = columns.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    let n = 0;
    for (let r = 0; r < rows.length; r++) {
      const v = columns[j][rows[r]];
      if (Number.isNaN(v)) continue;
      s += v;
      s2 += v * v;
      n++;
    }
    mean[j] = n ? s / n : 0;
    sd[j] = Math.sqrt(Math.max(0, (n ? s2 / n : 0) - mean[j] * mean[j])) || 1;
  }
  const p = d + 1;
  const z = (i: number, j: number): number => {
    if (j === d) return 1;
    const v = columns[j][i];
    return Number.isNaN(v) ? 0 : (v - mean[j]) / sd[j];
  };
  const beta = new Float64Array(p);
  const row = new Float64Array(p);
  for (let it = 0; it < NEWTON_ITERATIONS; it++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      let eta = 0;
      for (let j = 0; j < p; j++) {
        row[j] = z(i, j);
        eta += beta[j] * row[j];
      }
      const mu = 1 / (1 + Math.exp(-eta));
      const w = Math.max(mu * (1 - mu), 1e-9);
      const resid = y[i] - mu;
      for (let a = 0; a < p; a++) {
        grad[a] += resid * row[a];
        for (let b = 0; b <= a; b++) hess[a * p + b] += w * row[a] * row[b];
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) hess[b * p + a] = hess[a * p + b];
      if (a < d) {
        grad[a] -= RIDGE * beta[a];
        hess[a * p + a] += RIDGE;
      }
    }
    const step = solveSymmetric(hess, grad, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      beta[j] += step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-8) break;
  }
  return {
    predict(x: Float64Array): number {
      let eta = beta[d];
      for (let j = 0; j < d; j++) eta += beta[j] * (Number.isNaN(x[j]) ? 0 : (x[j] - mean[j]) / sd[j]);
      return 1 / (1 + Math.exp(-eta));
    },
  };
}

/** Cholesky solve of a symmetric positive-definite system (the ridge term keeps it so). */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
