/**
 * Turns attribution quality results into findings (DESIGN.md finding ids):
 * `explain.unstable` — incomplete Shapley values, a global ranking that moves under
 * bootstrap / repeats, LIME coefficients that change with the seed, methods that disagree;
 * `explain.sanity` — the model-randomisation check failed.
 */
import type { Finding } from '../../results/finding';
import type { EfficiencyCheck } from './shapleyEfficiency';
import type { LimeStability } from './limeStability';
import type { MethodAgreement } from './methodAgreement';
import type { ModelRandomisationResult } from './modelRandomisationCheck';
import type { RankStability } from './rankStability';

/** Features ranked this high or better are the ones users act on, so only their stability is judged. */
export const STABLE_TOP_K = 5;
/** A top feature that keeps its rank in fewer than 60% of replicates is not reliably placed. */
export const MIN_KEEPS_RANK = 0.6;
/** Mean Kendall τ below 0.7 between replicate and consensus rankings: the order is noisy overall. */
export const MIN_MEAN_KENDALL = 0.7;
/** LIME rank agreement across seeds below 0.7 (Spearman): the explanation depends on the seed. */
export const MIN_LIME_RANK_AGREEMENT = 0.7;
/** Two methods with Spearman ρ below 0.5 rank features in clearly different orders. */
export const MIN_METHOD_AGREEMENT = 0.5;

export interface AttributionQuality {
  readonly method: string;
  readonly features: readonly string[];
  readonly efficiency?: EfficiencyCheck;
  /** Stability of the global ranking, and what produced the replicates ('bootstrap', 'repeats'). */
  readonly ranking?: { readonly stability: RankStability; readonly source: string };
  readonly lime?: LimeStability;
  readonly agreement?: readonly MethodAgreement[];
  readonly sanity?: ModelRandomisationResult;
}

const fmt = (x: number): string => x.toFixed(2);

export function attributionFindings(q: AttributionQuality): Finding[] {
  const findings: Finding[] = [];
  if (q.efficiency && !q.efficiency.ok) {
    findings.push({
      id: 'explain.unstable',
      severity: 'warning',
      message: q.efficiency.message ?? `${q.method}: Shapley values do not add up to the model output`,
      evidence: { check: 'efficiency', method: q.method, maxAbsError: q.efficiency.maxAbsError, tolerance: q.efficiency.tolerance, worstRow: q.efficiency.worstRow },
    });
  }
  if (q.ranking) {
    const { stability, source } = q.ranking;
    const shaky = q.features
      .map((feature, j) => ({ feature, rank: stability.consensusRank[j], keeps: stability.keepsRank[j], interval: stability.rankInterval[j] }))
      .filter((f) => f.rank <= STABLE_TOP_K && f.keeps < MIN_KEEPS_RANK);
    if (shaky.length > 0 || stability.meanKendall < MIN_MEAN_KENDALL) {
      const worst = shaky.sort((a, b) => a.keeps - b.keeps)[0];
      findings.push({
        id: 'explain.unstable',
        severity: 'info',
        ...(worst ? { feature: worst.feature } : {}),
        features: shaky.map((f) => f.feature),
        message:
          `${q.method} ranking is unstable across ${stability.replicates} ${source} replicates (mean Kendall τ ${fmt(stability.meanKendall)})` +
          (worst ? `; ${worst.feature} keeps rank ${worst.rank} in only ${Math.round(worst.keeps * 100)}% (rank interval ${worst.interval[0]}–${worst.interval[1]})` : '') +
          '. Do not act on rank differences inside the interval; increase repeats, rows or budget.',
        evidence: { check: 'ranking', source, meanKendall: stability.meanKendall, unstable: shaky },
      });
    }
  }
  if (q.lime && q.lime.rankAgreement < MIN_LIME_RANK_AGREEMENT) {
    findings.push({
      id: 'explain.unstable',
      severity: 'info',
      message: `LIME explanation changes with the seed: mean rank agreement ${fmt(q.lime.rankAgreement)} across ${q.lime.runs.length} seeds (want ≥ ${MIN_LIME_RANK_AGREEMENT}). Increase samples or prefer a Shapley method.`,
      evidence: { check: 'lime-seeds', rankAgreement: q.lime.rankAgreement, coefficientSd: Array.from(q.lime.coefficientSd) },
    });
  }
  for (const a of q.agreement ?? []) {
    if (a.spearman < MIN_METHOD_AGREEMENT) {
      findings.push({
        id: 'explain.unstable',
        severity: 'info',
        message: `${a.methods[0]} and ${a.methods[1]} rank features differently (Spearman ρ ${fmt(a.spearman)}, Kendall τ ${fmt(a.kendall)}); check correlated features and the background before trusting either.`,
        evidence: { check: 'agreement', methods: a.methods, spearman: a.spearman, kendall: a.kendall },
      });
    }
  }
  if (q.sanity && !q.sanity.pass) {
    findings.push({
      id: 'explain.sanity',
      severity: 'warning',
      message: `${q.method} attributions barely change when the model's weights are randomised (rank similarity ${fmt(q.sanity.similarity)} ≥ ${q.sanity.threshold}): they do not reflect what the model learned.`,
      evidence: { check: 'model-randomisation', similarity: q.sanity.similarity, threshold: q.sanity.threshold, rows: q.sanity.rows },
    });
  }
  return findings;
}
