import { columnByName } from '../../loaders/data/dataset';
import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { pooledNumbers } from './internal/datasetColumns';
import { modelReliance } from './internal/modelReliance';

/**
 * leak.identifier — an ID / row-index column among the model inputs. IDs carry no causal
 * information, but when rows were numbered in time or by source the model can read the
 * label drift or the data source off them (Kaufman et al. 2012; Rosset et al. 2010, the
 * KDD Cup 2008 patient-ID leak). Only the model's inputs are checked: an ID that is not an
 * input is harmless.
 */

/** Share of distinct values among present ones for a column to count as (near-)unique. */
export const NEAR_UNIQUE_SHARE = 0.95;
/** Sequential: the values fill their range densely ((max − min + 1) / distinct ≤ this). */
export const DENSE_RANGE_FACTOR = 1.5;
/**
 * Every value distinct over this many rows: a measured integer almost never is (collisions
 * start once rows² exceeds its range, the birthday bound), an identifier always is.
 */
export const ALL_DISTINCT_MIN_ROWS = 1000;
/** Reliance share (of the total) from which the model clearly uses the column. */
export const RELIED_SHARE = 0.05;
/** Used this much, or most of all features: error. */
export const DOMINANT_SHARE = 0.25;

/** snake/kebab/space-separated tokens, matched on the lower-cased name. */
const TOKEN_HINT = /(^|[_\s.-])(id|idx|index|row|rowid|row_?num(ber)?|record|key|uuid|guid|serial|seq|no|nr|num|number)($|[_\s.-])/;
/** camelCase suffixes, matched case-sensitively ("customerId", not "paid"). */
const CAMEL_HINT = /[a-z0-9](Id|ID|Idx|Index|No|Nr|Number|Key)$/;

function hasIdName(name: string): boolean {
  return TOKEN_HINT.test(name.toLowerCase()) || CAMEL_HINT.test(name);
}

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

interface IdEvidence {
  readonly reasons: string[];
  readonly unique_share: number;
  readonly distinct: number;
  readonly dense_range_factor: number;
  readonly name_hint: boolean;
}

/** Integer, near-unique, and either dense (sequential) or named like an ID. */
function identifierEvidence(ctx: LeakageContext, feature: string): IdEvidence | undefined {
  const column = columnByName(ctx.train, feature);
  const values = pooledNumbers(ctx.train, ctx.test, feature);
  if (!column || !values) return undefined;
  const nameHint = hasIdName(feature);
  if (column.kind === 'categorical') {
    // String IDs: unique codes with an ID-like name.
    const distinct = new Set(values).size;
    const share = distinct / Math.max(1, values.length);
    return share >= NEAR_UNIQUE_SHARE && nameHint
      ? { reasons: ['unique strings', 'name'], unique_share: round(share), distinct, dense_range_factor: NaN, name_hint: true }
      : undefined;
  }
  if (column.kind !== 'numeric' || !column.integer) return undefined;
  const present = Array.from(values).filter((v) => !Number.isNaN(v));
  if (present.length < 20) return undefined;
  const distinctSet = new Set(present);
  const distinct = distinctSet.size;
  const share = distinct / present.length;
  if (share < NEAR_UNIQUE_SHARE) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const v of present) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const denseFactor = (max - min + 1) / distinct;
  const dense = denseFactor <= DENSE_RANGE_FACTOR;
  const allDistinct = share === 1 && present.length >= ALL_DISTINCT_MIN_ROWS;
  if (!dense && !nameHint && !allDistinct) return undefined;
  const reasons = [share === 1 ? 'unique integers' : `${(share * 100).toFixed(1)}% distinct integers`];
  if (dense) reasons.push(`sequential (fills ${min}..${max})`);
  if (nameHint) reasons.push('ID-like name');
  return { reasons, unique_share: round(share), distinct, dense_range_factor: round(denseFactor, 3), name_hint: nameHint };
}
