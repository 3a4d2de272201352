/**
 * LIME for tabular data (Ribeiro, Singh & Guestrin 2016), following lime's
 * LimeTabularExplainer defaults: quartile discretisation of numeric features, perturbations
 * drawn bin by bin with the training frequencies, interpretable features z_j = 1 when the
 * perturbed value falls into the explained row's bin, kernel π(z) = √exp(−D²/σ²) with D the
 * Euclidean distance to the all-ones vector and σ = 0.75·√d, and a weighted ridge
 * regression (α = 1, unpenalised intercept) of the model output on z.
 * Deviation from lime: a value inside a bin is a random training value from that bin (lime
 * samples a truncated normal fitted to the bin), which keeps integer and categorical codes valid.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import { choleskySolve } from './choleskySolve';
import { seededRandom } from './random';
import { quantile } from './summaryStats';

export interface LimeOptions {
  /** Perturbed samples (lime's num_samples). Default 5000. */
  readonly samples?: number;
  readonly seed?: number;
  /** Default 0.75·√d. */
  readonly kernelWidth?: number;
  /** Indices of categorical features (their codes are their bins). */
  readonly categorical?: ReadonlySet<number>;
  /** Model output explained. Default 0 (P(positive) / the regression value). */
  readonly output?: number;
  /** Ridge penalty. Default 1 (sklearn Ridge's default, which lime uses). */
  readonly ridgeAlpha?: number;
}

export interface LimeExplanation {
  readonly features: readonly string[];
  /** Weight of "feature j is in the explained row's bin" in the local surrogate. */
  readonly coefficients: Float64Array;
  readonly intercept: number;
  /** Weighted R² of the surrogate on the perturbations. */
  readonly score: number;
  /** Surrogate at z = 1 vs the model at the row. */
  readonly localPrediction: number;
  readonly modelPrediction: number;
  readonly seed: number;
}

/** Per feature: bin edges (quartiles, or none for categoricals) and training values per bin. */
export interface LimeDiscretisation {
  readonly edges: readonly (Float64Array | undefined)[];
  readonly members: readonly (readonly Float64Array[])[];
  readonly binOfValue: (feature: number, v: number) => number;
}

export function limeDiscretisation(train: FeatureMatrix, categorical: ReadonlySet<number> = new Set()): LimeDiscretisation {
  const { rows: n, cols: d } = train;
  const edges: (Float64Array | undefined)[] = [];
  const codeIndex: Map<number, number>[] = [];
  const binOfValue = (j: number, v: number): number => {
    const e = edges[j];
    if (!e) return codeIndex[j].get(v) ?? -1;
    let b = 0;
    while (b < e.length && v > e[b]) b++; // lime: np.searchsorted(quartiles, v)
    return b;
  };
  for (let j = 0; j < d; j++) {
    const col = Float64Array.from({ length: n }, (_, i) => train.data[i * d + j]).filter((v) => !Number.isNaN(v));
    if (categorical.has(j)) {
      edges.push(undefined);
      codeIndex.push(new Map([...new Set(col)].sort((a, b) => a - b).map((c, k) => [c, k] as const)));
    } else {
      edges.push(Float64Array.from(new Set([0.25, 0.5, 0.75].map((p) => quantile(col, p)))).sort());
      codeIndex.push(new Map());
    }
  }
  const members = Array.from({ length: d }, (_, j) => {
    const bins: number[][] = [];
    for (let i = 0; i < n; i++) {
      const v = train.data[i * d + j];
      if (Number.isNaN(v)) continue;
      const b = binOfValue(j, v);
      (bins[b] ??= []).push(v);
    }
    return Array.from(bins, (b) => Float64Array.from(b ?? []));
  });
  return { edges, members, binOfValue };
}

export async function limeTabular(
  evaluator: BatchingEvaluator,
  train: FeatureMatrix,
  row: ArrayLike<number>,
  options: LimeOptions = {},
  discretisation: LimeDiscretisation = limeDiscretisation(train, options.categorical),
): Promise<LimeExplanation> {
  const d = train.cols;
  const N = options.samples ?? 5000;
  const seed = options.seed ?? 0;
  const rng = seededRandom(seed);
  const width = options.kernelWidth ?? 0.75 * Math.sqrt(d);
  const output = options.output ?? 0;
  const alpha = options.ridgeAlpha ?? 1;
  const { members, binOfValue } = discretisation;

  const x = new Float64Array(N * d);
  const z = new Float64Array(N * d);
  x.set(Array.from(row), 0);
  z.fill(1, 0, d);
  for (let j = 0; j < d; j++) {
    const own = binOfValue(j, row[j]);
    const bins = members[j];
    const total = bins.reduce((a, b) => a + b.length, 0);
    for (let s = 1; s < N; s++) {
      let u = rng.nextInt(total), b = 0;
      while (u >= bins[b].length) u -= bins[b++].length;
      x[s * d + j] = bins[b][rng.nextInt(bins[b].length)];
      z[s * d + j] = b === own ? 1 : 0;
    }
  }
  const yAll = await evaluator.predict(x, N);
  const w = evaluator.outputWidth;
  const y = Float64Array.from({ length: N }, (_, s) => yAll[s * w + output]);
  const weight = new Float64Array(N);
  for (let s = 0; s < N; s++) {
    let dist2 = 0;
    for (let j = 0; j < d; j++) dist2 += (1 - z[s * d + j]) ** 2;
    weight[s] = Math.sqrt(Math.exp(-dist2 / (width * width)));
  }
  // Weighted ridge with an unpenalised intercept: centre by the weighted means first.
  let wSum = 0, yBar = 0;
  const zBar = new Float64Array(d);
  for (let s = 0; s < N; s++) {
    wSum += weight[s];
    yBar += weight[s] * y[s];
    for (let j = 0; j < d; j++) zBar[j] += weight[s] * z[s * d + j];
  }
  yBar /= wSum;
  for (let j = 0; j < d; j++) zBar[j] /= wSum;
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let s = 0; s < N; s++) {
    for (let i = 0; i < d; i++) {
      const zi = z[s * d + i] - zBar[i];
      rhs[i] += weight[s] * zi * (y[s] - yBar);
      for (let j = 0; j <= i; j++) A[i * d + j] += weight[s] * zi * (z[s * d + j] - zBar[j]);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) A[j * d + i] = A[i * d + j];
    A[i * d + i] += alpha;
  }
  const coefficients = choleskySolve(A, rhs, d);
  let intercept = yBar;
  for (let j = 0; j < d; j++) intercept -= coefficients[j] * zBar[j];
  let ssRes = 0, ssTot = 0;
  for (let s = 0; s < N; s++) {
    let f = intercept;
    for (let j = 0; j < d; j++) f += coefficients[j] * z[s * d + j];
    ssRes += weight[s] * (y[s] - f) ** 2;
    ssTot += weight[s] * (y[s] - yBar) ** 2;
  }
  const localPrediction = intercept + coefficients.reduce((a, b) => a + b, 0);
  return {
    features: train.names,
    coefficients,
    intercept,
    score: ssTot > 0 ? 1 - ssRes / ssTot : 1,
    localPrediction,
    modelPrediction: y[0],
    seed,
  };
}
