/**
 * Global attribution for `check`: a Shapley-family method chosen per model (trees → exact
 * TreeSHAP; few features → exact enumeration; else KernelSHAP), permutation importance as a
 * second, model-output-free opinion, and the quality grade of DESIGN.md: efficiency,
 * bootstrap stability of the ranking, agreement between the two methods, and the
 * model-randomisation sanity check (Adebayo et al. 2018).
 */
import { attributionFindings, type AttributionQuality } from '../engine/attribution/attributionFindings';
import { bootstrapRankStability } from '../engine/attribution/bootstrapRankStability';
import { chooseAttributionMethod } from '../engine/attribution/chooseAttributionMethod';
import { methodAgreement } from '../engine/attribution/methodAgreement';
import { modelRandomisationCheck } from '../engine/attribution/modelRandomisationCheck';
import { permutationImportance } from '../engine/attribution/permutationImportance';
import { sampleWithoutReplacement, seededRandom } from '../engine/attribution/random';
import { defaultScorer } from '../engine/attribution/scorers';
import { checkShapleyEfficiency } from '../engine/attribution/shapleyEfficiency';
import { matrixRows, type FeatureMatrix } from '../engine/evaluator/featureMatrix';
import type { Finding } from '../results/finding';
import type { AttributionSummary, GlobalImportance } from '../results/report';
import { explainRows, treeEnsembleOf, type ExplainMethod, type RowExplanation } from './explainRows';
import type { ModelContext } from './loadModelContext';
import { randomisedAttributions } from './randomisedAttributions';
import { groupOneHot } from './groupOneHot';

/** Rows explained for the global summary (TreeSHAP is cheap, so it takes more). */
const SHAPLEY_ROWS = { treeshap: 1000, exact: 100, kernelshap: 60 } as const;
/** Upper bound on model rows spent on exact enumeration: rows × 2^d × background. */
const EXACT_ROW_BUDGET = 4_000_000;
/** Rows used by the sanity check (attributions of a scrambled model). */
const SANITY_ROWS = 40;
const PERMUTATION_ROWS = 5000;
const PERMUTATION_REPEATS = 5;
const BOOTSTRAP_RESAMPLES = 200;

export interface AttributionStageResult {
  readonly summary: AttributionSummary;
  readonly findings: Finding[];
  /** Global importance by feature (mean |φ|), for shapes and leakage reliance. */
  readonly importance: Map<string, number>;
  readonly explanation: RowExplanation;
}

export async function attributionStage(ctx: ModelContext, override: string | undefined, seed: number): Promise<AttributionStageResult> {
  const split = (ctx.test ?? ctx.train)!;
  const tree = treeEnsembleOf(ctx);
  const chosen = chooseAttributionMethod({ isTreeEnsemble: !('reason' in tree), featureCount: ctx.features.length, override: override === 'auto' ? undefined : override });
  const method: ExplainMethod = chosen === 'treeshap' || chosen === 'exact' || chosen === 'kernelshap' ? chosen : 'kernelshap';
  const d = ctx.features.length;
  const backgroundSize = method === 'exact' ? Math.min(50, Math.max(10, Math.floor(EXACT_ROW_BUDGET / (2 ** d * 20)))) : 50;
  const maxRows = method === 'exact' ? Math.max(10, Math.min(SHAPLEY_ROWS.exact, Math.floor(EXACT_ROW_BUDGET / (2 ** d * backgroundSize)))) : SHAPLEY_ROWS[method];
  const rows = sampleRows(split.matrix, maxRows, seed);
  // One-hot inputs are reported as the feature they encode (config `oneHot`).
  const explanation = groupOneHot(await explainRows(ctx, { method, rows, seed, backgroundSize }), ctx.resolved.oneHot);
  const features = explanation.features;
  const output = explanation.outputWidth === 1 ? 0 : -1;
  const importance = meanAbs(explanation);
  const ci = bootstrapCi(explanation, seed);
  const global: GlobalImportance[] = rankGlobal(features, importance, ci);

  const quality: { -readonly [K in keyof AttributionQuality]: AttributionQuality[K] } = { method: explanation.method, features };
  quality.efficiency = checkShapleyEfficiency(explanation);
  if (explanation.rows >= 10) quality.ranking = { stability: bootstrapRankStability(explanation, { resamples: BOOTSTRAP_RESAMPLES, seed, output: Math.max(0, output) }), source: 'bootstrap over explained rows' };

  const methods: Record<string, GlobalImportance[]> = {};
  let permutation: GlobalImportance[] | undefined;
  // Labels of the matrix rows (the model sample when the split is larger than analysis.maxRows).
  const sample = split.sample;
  const matrixLabels = sample ? Float64Array.from(sample, (r) => split.labels[r]) : split.labels;
  const labelled = labelledRows(matrixLabels);
  if (labelled.length >= 20) {
    const permRows = labelled.length > PERMUTATION_ROWS ? Array.from(sampleWithoutReplacement(labelled.length, PERMUTATION_ROWS, seededRandom(seed))).map((i) => labelled[i]).sort((a, b) => a - b) : labelled;
    const pm = matrixRows(split.matrix, permRows);
    const pl = Float64Array.from(permRows, (r) => matrixLabels[r]);
    const pi = await permutationImportance(ctx.evaluator, pm, pl, { scorer: defaultScorer(ctx.task, ctx.evaluator.outputWidth), repeats: PERMUTATION_REPEATS, seed });
    permutation = [...pi.global];
    methods[`permutation (${pi.scorer} drop)`] = permutation;
    quality.agreement = [
      methodAgreement(
        { method: explanation.method, importance },
        { method: 'permutation', importance: features.map((f) => groupedImportance(f, permutation!, ctx.resolved.oneHot)) },
      ),
    ];
  }
  const sanity = features.length === ctx.features.length ? await randomisedAttributions(ctx, explanation, method, Math.min(SANITY_ROWS, explanation.rows), seed) : undefined;
  if (sanity) {
    quality.sanity = modelRandomisationCheck(sanity.original, sanity.randomised);
  }
  const findings = attributionFindings(quality);
  return {
    summary: {
      method: explanation.method,
      space: explanation.space === 'margin' ? 'margin (raw score before the link function)' : explanation.space,
      global,
      methods,
      beeswarm: beeswarm(explanation),
      quality: {
        explainedRows: explanation.rows,
        background: explanation.background,
        evaluationsPerRow: explanation.evaluationsPerRow,
        efficiencyMaxAbsError: quality.efficiency?.maxAbsError,
        rankStability: quality.ranking ? { meanKendall: quality.ranking.stability.meanKendall, keepsRank: quality.ranking.stability.keepsRank } : undefined,
        agreement: quality.agreement,
        sanity: quality.sanity ? { similarity: quality.sanity.similarity, pass: quality.sanity.pass, threshold: quality.sanity.threshold } : undefined,
        grade: grade(findings),
      },
    },
    findings,
    importance: new Map(features.map((f, j) => [f, importance[j]])),
    explanation,
  };
}

/** Rows drawn in the report's beeswarm: enough to see a distribution, small enough for JSON. */
const BEESWARM_ROWS = 200;

function beeswarm(e: RowExplanation): AttributionSummary['beeswarm'] {
  const d = e.features.length;
  const w = e.outputWidth;
  const n = Math.min(BEESWARM_ROWS, e.rows);
  const round = (v: number): number => Number(v.toPrecision(5));
  const values: number[][] = [];
  const featureValues: (number | null)[][] = [];
  for (let r = 0; r < n; r++) {
    values.push(Array.from({ length: d }, (_, j) => {
      if (w === 1) return round(e.values[(r * d + j) * w]);
      let s = 0;
      for (let k = 0; k < w; k++) s += Math.abs(e.values[(r * d + j) * w + k]);
      return round(s);
    }));
    featureValues.push(Array.from({ length: d }, (_, j) => {
      const v = e.inputs[r * d + j];
      return Number.isFinite(v) ? round(v) : null;
    }));
  }
  return { features: e.features, values, featureValues };
}

/** Permutation importance of a feature, or of a one-hot group as the sum of its columns' importances. */
function groupedImportance(feature: string, permutation: readonly GlobalImportance[], groups: Readonly<Record<string, readonly string[]>>): number {
  // Own keys only: a feature may be called `__proto__` or `constructor`.
  const cols = Object.prototype.hasOwnProperty.call(groups, feature) ? groups[feature] : [feature];
  return cols.reduce((s, c) => s + (permutation.find((g) => g.feature === c)?.importance ?? 0), 0);
}

function grade(findings: readonly Finding[]): 'A' | 'B' | 'C' {
  if (findings.some((f) => f.id === 'explain.sanity')) return 'C';
  return findings.length ? 'B' : 'A';
}

function sampleRows(m: FeatureMatrix, k: number, seed: number): FeatureMatrix {
  if (m.rows <= k) return m;
  const idx = Array.from(sampleWithoutReplacement(m.rows, k, seededRandom(seed))).sort((a, b) => a - b);
  return matrixRows(m, idx);
}

function labelledRows(labels: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (!Number.isNaN(labels[i])) out.push(i);
  return out;
}

/** Mean |φ| per feature, summed over outputs (multiclass: total movement of all class scores). */
function meanAbs(e: RowExplanation): number[] {
  const d = e.features.length;
  const w = e.outputWidth;
  const out = new Array<number>(d).fill(0);
  for (let r = 0; r < e.rows; r++) for (let j = 0; j < d; j++) for (let k = 0; k < w; k++) out[j] += Math.abs(e.values[(r * d + j) * w + k]) / e.rows;
  return out;
}

/** 95% percentile-bootstrap interval of each feature's mean |φ| over the explained rows. */
function bootstrapCi(e: RowExplanation, seed: number): [number, number][] {
  const d = e.features.length;
  const w = e.outputWidth;
  const per = new Float64Array(e.rows * d);
  for (let r = 0; r < e.rows; r++) for (let j = 0; j < d; j++) for (let k = 0; k < w; k++) per[r * d + j] += Math.abs(e.values[(r * d + j) * w + k]);
  const rng = seededRandom(seed + 1);
  const reps: Float64Array[] = Array.from({ length: d }, () => new Float64Array(BOOTSTRAP_RESAMPLES));
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const sums = new Float64Array(d);
    for (let i = 0; i < e.rows; i++) {
      const r = Math.floor(rng.next() * e.rows);
      for (let j = 0; j < d; j++) sums[j] += per[r * d + j];
    }
    for (let j = 0; j < d; j++) reps[j][b] = sums[j] / e.rows;
  }
  return reps.map((v) => {
    const s = Array.from(v).sort((a, b) => a - b);
    return [s[Math.floor(0.025 * (s.length - 1))], s[Math.ceil(0.975 * (s.length - 1))]];
  });
}

function rankGlobal(features: readonly string[], importance: readonly number[], ci: readonly [number, number][]): GlobalImportance[] {
  const order = features.map((_, j) => j).sort((a, b) => importance[b] - importance[a]);
  const rank = new Array<number>(features.length);
  order.forEach((j, r) => (rank[j] = r + 1));
  return features.map((feature, j) => ({ feature, importance: importance[j], ci: ci[j], rank: rank[j] }));
}
