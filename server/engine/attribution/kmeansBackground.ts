/**
 * A k-means summary of the background (as shap.kmeans): k weighted rows instead of n, so
 * each coalition costs k model rows. Seeded k-means++ initialisation (Arthur &
 * Vassilvitskii 2007) then Lloyd iterations on standardised features. Each cluster is
 * represented by its member nearest to the centroid — a real row, so categorical codes
 * and missing values stay valid inputs — weighted by the cluster's share of the data.
 */
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { BackgroundSample } from './backgroundSample';
import { seededRandom } from './random';

export interface KmeansBackgroundOptions {
  readonly clusters: number;
  readonly seed?: number;
  /** Lloyd iterations at most; stops earlier when assignments stop changing. Default 50. */
  readonly maxIterations?: number;
}

/** Standardise columns; NaN (missing) becomes 0, the column mean, for distances only. */
function standardise(m: FeatureMatrix): Float64Array {
  const { rows: n, cols: d, data } = m;
  const z = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let s = 0, s2 = 0, c = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j];
      if (!Number.isNaN(v)) { s += v; s2 += v * v; c++; }
    }
    const mu = c ? s / c : 0;
    const sd = c ? Math.sqrt(Math.max(s2 / c - mu * mu, 0)) || 1 : 1;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j];
      z[i * d + j] = Number.isNaN(v) ? 0 : (v - mu) / sd;
    }
  }
  return z;
}

function sqDist(a: Float64Array, i: number, b: Float64Array, k: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (a[i * d + j] - b[k * d + j]) ** 2;
  return s;
}

export function kmeansBackground(m: FeatureMatrix, options: KmeansBackgroundOptions): BackgroundSample {
  const { rows: n, cols: d } = m;
  const k = Math.min(options.clusters, n);
  if (!(k >= 1)) throw new RangeError(`kmeansBackground: clusters must be ≥ 1, got ${options.clusters}`);
  const seed = options.seed ?? 0;
  const rng = seededRandom(seed);
  const z = standardise(m);
  const centroids = new Float64Array(k * d);

  // k-means++: first centre uniform, the rest with probability ∝ squared distance.
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.nextInt(n);
  for (let c = 0; c < k; c++) {
    centroids.set(z.subarray(pick * d, (pick + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i], sqDist(z, i, centroids, c, d));
      total += nearest[i];
    }
    let u = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) if ((u -= nearest[i]) <= 0) { pick = i; break; }
  }

  const assignment = new Int32Array(n).fill(-1);
  for (let iter = 0; iter < (options.maxIterations ?? 50); iter++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = sqDist(z, i, centroids, c, d);
        if (dist < bestD) { bestD = dist; best = c; }
      }
      if (assignment[i] !== best) { assignment[i] = best; changed++; }
    }
    if (changed === 0) break;
    const counts = new Float64Array(k);
    centroids.fill(0);
    for (let i = 0; i < n; i++) {
      counts[assignment[i]]++;
      for (let j = 0; j < d; j++) centroids[assignment[i] * d + j] += z[i * d + j];
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) if (counts[c]) centroids[c * d + j] /= counts[c];
  }

  const representative = new Int32Array(k).fill(-1);
  const bestDist = new Float64Array(k).fill(Infinity);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    sizes[c]++;
    const dist = sqDist(z, i, centroids, c, d);
    if (dist < bestDist[c]) { bestDist[c] = dist; representative[c] = i; }
  }
  const kept = Array.from({ length: k }, (_, c) => c).filter((c) => sizes[c] > 0);
  const data = new Float64Array(kept.length * d);
  const weights = new Float64Array(kept.length);
  kept.forEach((c, r) => {
    data.set(m.data.subarray(representative[c] * d, (representative[c] + 1) * d), r * d);
    weights[r] = sizes[c] / n;
  });
  return { rows: kept.length, cols: d, data, weights, description: `kmeans(${kept.length}, seed ${seed})` };
}
