import { columnByName } from '../../../loaders/data/dataset';
import { round } from '../leakageCheck';
import type { LeakageContext } from '../leakageContext';
import { pooledNumbers } from './datasetColumns';
import { distinctCount, sortedPresent } from './sortedStats';

/**
 * Is a column ID-like? Integer and near-unique, and either sequential (dense range), named
 * like an identifier, or entirely distinct over many rows. Shared by leak.identifier and by
 * checks that should not report an identifier's behaviour again (drift of an ID is expected).
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
/** snake/kebab/space-separated tokens, matched on the lower-cased name. */
const TOKEN_HINT = /(^|[_\s.-])(id|idx|index|row|rowid|row_?num(ber)?|record|key|uuid|guid|serial|seq|no|nr|num|number)($|[_\s.-])/;
/** camelCase suffixes, matched case-sensitively ("customerId", not "paid"). */
const CAMEL_HINT = /[a-z0-9](Id|ID|Idx|Index|No|Nr|Number|Key)$/;

function hasIdName(name: string): boolean {
  return TOKEN_HINT.test(name.toLowerCase()) || CAMEL_HINT.test(name);
}

export interface IdEvidence {
  readonly reasons: string[];
  readonly unique_share: number;
  readonly distinct: number;
  readonly dense_range_factor: number;
  readonly name_hint: boolean;
}

/** Integer, near-unique, and either dense (sequential) or named like an ID. */
export function identifierEvidence(ctx: LeakageContext, feature: string): IdEvidence | undefined {
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
  // A sorted typed copy, not a Set: the check reads every row (a sample would hide how
  // densely an ID fills its range), and a Set of a million numbers costs ~50 MB.
  const present = sortedPresent(values);
  if (present.length < 20) return undefined;
  const distinct = distinctCount(present);
  const share = distinct / present.length;
  if (share < NEAR_UNIQUE_SHARE) return undefined;
  const min = present[0];
  const max = present[present.length - 1];
  const denseFactor = (max - min + 1) / distinct;
  const dense = denseFactor <= DENSE_RANGE_FACTOR;
  const allDistinct = share === 1 && present.length >= ALL_DISTINCT_MIN_ROWS;
  if (!dense && !nameHint && !allDistinct) return undefined;
  const reasons = [share === 1 ? 'unique integers' : `${(share * 100).toFixed(1)}% distinct integers`];
  if (dense) reasons.push(`sequential (fills ${min}..${max})`);
  if (nameHint) reasons.push('ID-like name');
  return { reasons, unique_share: round(share), distinct, dense_range_factor: round(denseFactor, 3), name_hint: nameHint };
}
