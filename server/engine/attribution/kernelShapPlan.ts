/**
 * Which coalitions KernelSHAP evaluates, and with what regression weight.
 *
 * KernelSHAP (Lundberg & Lee 2017, Theorem 2) fits φ by weighted least squares over
 * coalitions S with the Shapley kernel ω(S) = (d−1) / (C(d,|S|)·|S|·(d−|S|)). The total
 * kernel mass of size s is W(s) = (d−1)/(s(d−s)).
 *
 * Plan, within a budget of coalition evaluations per row:
 * 1. Exact enumeration of whole size pairs {s, d−s}, smallest s first, while they fit
 *    (as shap's KernelExplainer does): those sizes carry most kernel mass and are exact.
 * 2. The remaining sizes are sampled in antithetic pairs (S and its complement N∖S;
 *    Covert & Lee 2021 show pairing cuts variance sharply) without replacement.
 *    `leverage` (default): the same number of pairs for every remaining size pair — the
 *    leverage scores of the Shapley regression are uniform over sizes (Musco & Witter 2025,
 *    "Provably accurate Shapley value estimation via leverage score sampling") — and each
 *    sampled coalition of size s gets weight W(s) / (#sampled of size s), a stratified
 *    estimate of the size-s part of the regression objective.
 *    `kernel`: shap-style; sizes drawn ∝ W(s) with replacement, weights ∝ draw counts.
 *    Kept as the baseline the benchmark compares against.
 */
import { sampleWithoutReplacement, type SeededRandom } from './random';

export type KernelSampler = 'leverage' | 'kernel';

export interface CoalitionPlan {
  readonly d: number;
  /** Row-major [K, d]; the last two rows are ∅ and N (weight 0; they give v(∅) and f(x)). */
  readonly masks: Uint8Array;
  readonly weights: Float64Array;
  /** |S| per coalition. */
  readonly sizes: Int32Array;
  /** For sampled coalitions: index of its pair among the pairs sampled for its size group; −1 otherwise. */
  readonly pairSlot: Int32Array;
  /** Number of pairs sampled per size group (key: the smaller size s ≤ d/2). */
  readonly pairsPerGroup: ReadonlyMap<number, number>;
  /** Smaller sizes s whose pair {s, d−s} was enumerated completely. */
  readonly enumeratedGroups: readonly number[];
  /** True when every coalition was enumerated: the regression then gives exact Shapley values. */
  readonly exact: boolean;
}

export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let b = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) b = (b * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(b);
}

/** Coalitions in the size group of s (s ≤ d/2): sizes s and d−s together. */
function groupCount(d: number, s: number): number {
  return 2 * s === d ? binomial(d, s) : 2 * binomial(d, s);
}

/** Smallest budget that gives a well-posed regression: ∅, N and both sizes 1 and d−1. */
export function minimumKernelBudget(d: number): number {
  return Math.min(2 ** d, 2 * d + 2);
}

export function kernelWeightOfSize(d: number, s: number): number {
  return (d - 1) / (s * (d - s));
}

class PlanBuilder {
  private readonly masks: number[][] = [];
  readonly weights: number[] = [];
  readonly sizes: number[] = [];
  readonly slots: number[] = [];
  constructor(readonly d: number) {}
  add(members: ArrayLike<number>, weight: number, slot: number): void {
    const row = new Array<number>(this.d).fill(0);
    for (let i = 0; i < members.length; i++) row[members[i]] = 1;
    this.masks.push(row);
    this.weights.push(weight);
    this.sizes.push(members.length);
    this.slots.push(slot);
  }
  addComplementOf(members: ArrayLike<number>, weight: number, slot: number): void {
    const inS = new Uint8Array(this.d);
    for (let i = 0; i < members.length; i++) inS[members[i]] = 1;
    const comp: number[] = [];
    for (let j = 0; j < this.d; j++) if (!inS[j]) comp.push(j);
    this.add(comp, weight, slot);
  }
  maskArray(): Uint8Array {
    const out = new Uint8Array(this.masks.length * this.d);
    this.masks.forEach((m, k) => out.set(m, k * this.d));
    return out;
  }
}

/** Calls `visit` with every subset of {0..d−1} of size s (lexicographic). */
function forEachSubset(d: number, s: number, visit: (members: Int32Array) => void): void {
  const idx = Int32Array.from({ length: s }, (_, i) => i);
  for (;;) {
    visit(idx);
    let i = s - 1;
    while (i >= 0 && idx[i] === d - s + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let k = i + 1; k < s; k++) idx[k] = idx[k - 1] + 1;
  }
}

const subsetKey = (members: ArrayLike<number>): string => Array.from(members).sort((a, b) => a - b).join(',');

export function planCoalitions(d: number, budget: number, sampler: KernelSampler, rng: SeededRandom): CoalitionPlan {
  const min = minimumKernelBudget(d);
  if (!(budget >= min)) {
    throw new RangeError(`KernelSHAP needs a budget of at least min(2^d, 2·d + 2) = ${min} coalition evaluations per row for d = ${d}, got ${budget}`);
  }
  const plan = new PlanBuilder(d);
  let remaining = Math.min(budget, 2 ** d) - 2; // ∅ and N are always evaluated
  const enumeratedGroups: number[] = [];
  let s = 1;
  // Enumerate a size group only when the share of the remaining budget that its kernel mass
  // would attract covers all of its coalitions (shap's rule): enumerating a big group just
  // because it fits would starve the larger sizes of samples.
  const groupMass = (g: number): number => (2 * g === d ? 1 : 2) * kernelWeightOfSize(d, g);
  let massLeft = 0;
  for (let g = 1; g <= d / 2; g++) massLeft += groupMass(g);
  for (; s <= d / 2; s++) {
    const count = groupCount(d, s);
    // Sizes 1 and d−1 are always enumerated (the minimum budget pays for them): without
    // them the regression can be singular.
    if (count > remaining || (s > 1 && (remaining * groupMass(s)) / massLeft < count - 1e-8)) break;
    massLeft -= groupMass(s);
    const wS = (kernelWeightOfSize(d, s) / binomial(d, s));
    forEachSubset(d, s, (m) => {
      plan.add(m, wS, -1);
      if (2 * s !== d) plan.addComplementOf(m, wS, -1);
    });
    remaining -= count;
    enumeratedGroups.push(s);
  }
  const groups: number[] = [];
  for (let g = s; g <= d / 2; g++) groups.push(g);
  const pairsPerGroup = new Map<number, number>();
  if (groups.length > 0 && remaining >= 2) {
    if (sampler === 'leverage') sampleLeverage(plan, groups, Math.floor(remaining / 2), rng, pairsPerGroup);
    else sampleKernel(plan, groups, Math.floor(remaining / 2), rng, pairsPerGroup);
  }
  plan.add([], 0, -1);
  plan.add(Array.from({ length: d }, (_, j) => j), 0, -1);
  return {
    d,
    masks: plan.maskArray(),
    weights: Float64Array.from(plan.weights),
    sizes: Int32Array.from(plan.sizes),
    pairSlot: Int32Array.from(plan.slots),
    pairsPerGroup,
    enumeratedGroups,
    exact: groups.length === 0,
  };
}

/** Distinct pairs available in group s (a middle-size subset and its complement form one pair). */
function pairsAvailable(d: number, s: number): number {
  return 2 * s === d ? binomial(d, s) / 2 : binomial(d, s);
}

/** Draws `count` distinct antithetic pairs of group s; a pair is keyed by its canonical half. */
function drawDistinctPairs(d: number, s: number, count: number, rng: SeededRandom): Int32Array[] {
  const seen = new Set<string>();
  const out: Int32Array[] = [];
  while (out.length < count) {
    const members = sampleWithoutReplacement(d, s, rng);
    let key = subsetKey(members);
    if (2 * s === d) {
      const inS = new Uint8Array(d);
      members.forEach((j) => (inS[j] = 1));
      const comp = subsetKey(Array.from({ length: d }, (_, j) => j).filter((j) => !inS[j]));
      if (comp < key) key = comp;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(members);
  }
  return out;
}

function sampleLeverage(plan: PlanBuilder, groups: number[], pairs: number, rng: SeededRandom, counts: Map<number, number>): void {
  const d = plan.d;
  // Equal coalitions per size ⇒ a group holding two sizes gets twice the pairs of the middle one.
  const share = groups.map((s) => (2 * s === d ? 1 : 2));
  const total = share.reduce((a, b) => a + b, 0);
  const alloc = groups.map((s, g) => Math.min(pairsAvailable(d, s), Math.floor((pairs * share[g]) / total)));
  for (let left = pairs - alloc.reduce((a, b) => a + b, 0), g = 0; left > 0 && g < 4 * groups.length; g++) {
    const k = g % groups.length;
    if (alloc[k] < pairsAvailable(d, groups[k])) { alloc[k]++; left--; }
  }
  groups.forEach((s, g) => {
    const n = alloc[g];
    if (n === 0) return;
    counts.set(s, n);
    const coalitionsOfSize = 2 * s === d ? 2 * n : n;
    const w = kernelWeightOfSize(d, s) / coalitionsOfSize;
    drawDistinctPairs(d, s, n, rng).forEach((m, slot) => {
      plan.add(m, w, slot);
      plan.addComplementOf(m, w, slot);
    });
  });
}

function sampleKernel(plan: PlanBuilder, groups: number[], pairs: number, rng: SeededRandom, counts: Map<number, number>): void {
  const d = plan.d;
  const mass = groups.map((s) => (2 * s === d ? 1 : 2) * kernelWeightOfSize(d, s));
  const totalMass = mass.reduce((a, b) => a + b, 0);
  const drawn = new Map<string, { members: Int32Array; count: number }>();
  // Like shap: keep drawing until `pairs` distinct pairs are held (repeats add weight), so
  // both samplers spend the same number of model evaluations.
  const available = groups.reduce((a, s) => a + pairsAvailable(d, s), 0);
  const target = Math.min(pairs, available);
  let draws = 0;
  for (let attempts = 0; drawn.size < target && attempts < 100 * pairs; attempts++) {
    let u = rng.next() * totalMass, g = 0;
    while (g < groups.length - 1 && (u -= mass[g]) > 0) g++;
    const members = sampleWithoutReplacement(d, groups[g], rng);
    const key = subsetKey(members);
    const entry = drawn.get(key) ?? { members, count: 0 };
    entry.count++;
    draws++;
    drawn.set(key, entry);
    counts.set(groups[g], (counts.get(groups[g]) ?? 0) + 1);
  }
  // Each draw carries an equal share of the sampled sizes' kernel mass, split over S and N∖S.
  const perDraw = totalMass / draws / 2;
  for (const { members, count } of drawn.values()) {
    plan.add(members, perDraw * count, -1);
    plan.addComplementOf(members, perDraw * count, -1);
  }
}
