import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { identifierEvidence, type IdEvidence } from './internal/identifierLike';
import { modelReliance } from './internal/modelReliance';

/**
 * leak.identifier — an ID / row-index column among the model inputs. IDs carry no causal
 * information, but when rows were numbered in time or by source the model can read the
 * label drift or the data source off them (Kaufman et al. 2012; Rosset et al. 2010, the
 * KDD Cup 2008 patient-ID leak). Only the model's inputs are checked: an ID that is not an
 * input is harmless.
 */

/** Reliance share (of the total) from which the model clearly uses the column. */
export const RELIED_SHARE = 0.05;
/** Used this much, or most of all features: error. */
export const DOMINANT_SHARE = 0.25;

export const identifierCheck: LeakageCheck = {
  id: 'leak.identifier',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const candidates: { feature: string; evidence: IdEvidence }[] = [];
    for (const feature of ctx.features) {
      const e = identifierEvidence(ctx, feature);
      if (e) candidates.push({ feature, evidence: e });
    }
    if (candidates.length === 0) return [];
    const reliance = await modelReliance(ctx);
    return candidates.map(({ feature, evidence }) => {
      const share = reliance?.share.get(feature);
      const rank = reliance?.rank.get(feature);
      const severity: Severity =
        share === undefined || share < RELIED_SHARE ? 'info' : share >= DOMINANT_SHARE || rank === 1 ? 'error' : 'warning';
      const reliedText =
        share === undefined
          ? 'Model reliance is unknown (no model or importance given).'
          : `The model relies on it (${(share * 100).toFixed(1)}% of total reliance, rank ${rank} of ${ctx.features.length}).`;
      return {
        id: 'leak.identifier',
        severity,
        feature,
        message:
          `'${feature}' looks like an identifier (${evidence.reasons.join(', ')}). ${reliedText} ` +
          `Remove ID/index columns from the inputs; if the numbering follows time, model time explicitly and split by time.`,
        evidence: {
          ...evidence,
          reliance_share: share === undefined ? undefined : round(share),
          reliance_rank: rank,
          reliance_source: reliance?.source,
        },
      };
    });
  },
};
