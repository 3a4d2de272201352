/**
 * Is a slice really worse than the rest? Each reported slice is tested against its complement
 * (disjoint rows, so the two samples are independent):
 * - error rate: two-proportion z-test, effect size Cohen's h;
 * - mean per-row losses (log-loss, absolute or squared error): Welch's t-test, effect size Cohen's d.
 * Tests are two-sided: the search already picked the direction, a one-sided test would
 * double-count that choice. The caller controls the false-discovery rate over all tested
 * slices with Benjamini–Hochberg (sliceFindings.ts).
 */
import { cohensD, cohensH } from '../stats/effectSize';
import { twoProportionZTest } from '../stats/proportionTest';
import { complementMoments, groupMoments, welchTTest, type GroupMoments } from '../stats/welchTTest';

export type SliceTestKind = 'proportion' | 'mean';

export interface SliceTest {
  readonly kind: SliceTestKind;
  /** Metric value in the slice and in its complement. */
  readonly sliceValue: number;
  readonly complementValue: number;
  /** z (proportion) or Welch t (mean). */
  readonly statistic: number;
  readonly pValue: number;
  readonly effectSize: number;
  readonly effectSizeKind: 'cohens_h' | 'cohens_d';
}

/**
 * Tests the mean of `rowLoss` on `rows` against the other rows. `total` are the moments over all
 * rows (computed once by the caller), so each test costs one pass over the slice only.
 * With kind 'proportion' the losses must be 0/1.
 */
export function testSliceAgainstComplement(rowLoss: Float64Array, rows: Int32Array, total: GroupMoments, kind: SliceTestKind): SliceTest {
  const slice = groupMoments(rowLoss, rows);
  const rest = complementMoments(total, slice);
  if (kind === 'proportion') {
    const x1 = Math.round(slice.mean * slice.n);
    const x2 = Math.round(rest.mean * rest.n);
    const { z, pValue } = twoProportionZTest(x1, slice.n, x2, rest.n);
    return {
      kind,
      sliceValue: slice.mean,
      complementValue: rest.mean,
      statistic: z,
      pValue,
      effectSize: cohensH(slice.mean, rest.mean),
      effectSizeKind: 'cohens_h',
    };
  }
  const { t, pValue } = welchTTest(slice, rest);
  return {
    kind,
    sliceValue: slice.mean,
    complementValue: rest.mean,
    statistic: t,
    pValue,
    effectSize: cohensD(slice, rest),
    effectSizeKind: 'cohens_d',
  };
}
