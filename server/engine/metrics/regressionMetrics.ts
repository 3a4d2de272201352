export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
}

/** MAE, RMSE and R² (1 − SS_res / SS_tot, as sklearn's r2_score) over rows with a label. */
export function regressionMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>): RegressionMetrics {
  let n = 0;
  let mean = 0;
  for (let i = 0; i < labels.length; i++) {
    if (Number.isNaN(labels[i])) continue;
    n++;
    mean += (labels[i] - mean) / n;
  }
  let abs = 0;
  let sq = 0;
  let tot = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (Number.isNaN(y)) continue;
    const e = predictions[i] - y;
    abs += Math.abs(e);
    sq += e * e;
    tot += (y - mean) ** 2;
  }
  return { mae: abs / n, rmse: Math.sqrt(sq / n), r2: tot > 0 ? 1 - sq / tot : NaN };
}
