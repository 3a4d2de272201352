import type { FeatureMatrix } from '../../evaluator/featureMatrix';

/**
 * A model made invariant to one input by marginalising it: f̃(x) = Σ_v w_v · f(x with
 * input := v), weights = the input's marginal distribution in the training data. The
 * prediction no longer depends on that input for any row (counterfactual flip rate 0),
 * while its average influence on the population is kept (Kusner et al. 2017's "fair
 * by unawareness" baseline done without retraining; cf. Dwork et al. 2012). It does NOT
 * remove proxies' influence — leak.proxy reports those.
 *
 * The same average that server/engine/remedies/marginaliseInput.ts writes into the ONNX
 * graph for "Export Invariant Model", at the evaluator level: it lets the leakage checks be
 * re-run "after the remedy" without exporting and reloading a model.
 */
export interface MarginalValue {
  readonly value: number;
  readonly weight: number;
}

export function marginalisedModel(
  evaluate: (m: FeatureMatrix) => Promise<Float64Array>,
  featureIndex: number,
  marginal: readonly MarginalValue[],
  outputWidth = 1,
): (m: FeatureMatrix) => Promise<Float64Array> {
  const total = marginal.reduce((s, v) => s + v.weight, 0);
  if (!(total > 0)) throw new RangeError('marginalisedModel: the marginal needs at least one value with positive weight');
  return async (m) => {
    if (featureIndex < 0 || featureIndex >= m.cols) throw new RangeError(`marginalisedModel: featureIndex ${featureIndex} outside 0..${m.cols - 1}`);
    const k = marginal.length;
    // One evaluator call for all copies: the batcher amortises the per-call cost.
    const data = new Float64Array(k * m.rows * m.cols);
    for (let c = 0; c < k; c++) {
      data.set(m.data, c * m.rows * m.cols);
      for (let i = 0; i < m.rows; i++) data[(c * m.rows + i) * m.cols + featureIndex] = marginal[c].value;
    }
    const y = await evaluate({ rows: k * m.rows, cols: m.cols, data, names: m.names });
    const w = outputWidth;
    const out = new Float64Array(m.rows * w);
    for (let c = 0; c < k; c++) {
      const weight = marginal[c].weight / total;
      for (let t = 0; t < m.rows * w; t++) out[t] += weight * y[c * m.rows * w + t];
    }
    return out;
  };
}

/** The marginal distribution of a column's present values (for discrete inputs). */
export function empiricalMarginal(values: ArrayLike<number>): MarginalValue[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([value, weight]) => ({ value, weight }));
}
