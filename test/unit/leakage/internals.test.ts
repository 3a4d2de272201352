import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from '../../../server/engine/leakage/internal/rocAuc';
import { roundCandidates } from '../../../server/engine/leakage/internal/roundNumbers';
import { findTwins, type RowTable } from '../../../server/engine/leakage/internal/rowTwins';
import { overdispersion } from '../../../server/engine/leakage/internal/overdispersion';
import { distributionShift } from '../../../server/engine/leakage/internal/distributionShift';
import { crossFittedLogisticAuc } from '../../../server/engine/leakage/internal/crossFittedLogisticAuc';
import { singleFeaturePower } from '../../../server/engine/leakage/internal/singleFeaturePower';
import { seededRandom } from '../../../server/engine/leakage/internal/seededRandom';
import { poissonUpperTail } from '../../../server/engine/leakage/internal/poissonTail';
import { normal } from './helpers/syntheticContext';

describe('leakage internals', () => {
  it('rocAuc skips NaN scores and non-0/1 labels, ties count one half', () => {
    const r = rocAuc([0.1, 0.4, 0.4, NaN, 0.8], [0, 0, 1, 1, 1]);
    assert.equal(r.positives, 2);
    assert.equal(r.negatives, 2);
    assert.equal(r.auc, (1 + 0.5 + 1 + 1) / 4);
  });

  it('roundCandidates picks multiples at the feature scale', () => {
    assert.deepEqual(roundCandidates(0.9, 5.6)?.values, [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5]);
    assert.equal(roundCandidates(93, 167)?.unit, 5);
    assert.equal(roundCandidates(550, 800)?.unit, 10);
    assert.equal(roundCandidates(3, 3), undefined);
  });

  it('findTwins finds exact twins, near twins that differ in one column, and not strangers', () => {
    const table = (...rows: number[][]): RowTable => ({ rows: rows.length, columns: [0, 1, 2].map((j) => Float64Array.from(rows, (r) => r[j])) });
    const reference = table([1, 200, 3], [4, 500, 6], [7, 800, 9], [4, 500, 6]);
    const queries = table([4, 500, 6], [7, 801, 9], [7, 900, 9], [-0, NaN, 1]);
    const [cross, within] = findTwins(reference, Float64Array.of(3, 300, 3), [
      { table: queries, selfIsReference: false },
      { table: reference, selfIsReference: true },
    ]);
    assert.deepEqual(Array.from(cross.exact), [1, -1, -1, -1], 'the first matching train row');
    assert.deepEqual(Array.from(cross.near), [-1, 2, -1, -1]);
    assert.deepEqual(Array.from(within.exact), [-1, 3, -1, 1], 'a row is not its own twin');
    const missing = table([0, NaN, 1]);
    assert.deepEqual(Array.from(findTwins(missing, Float64Array.of(1, 1, 1), [{ table: table([-0, NaN, 1]), selfIsReference: false }])[0].exact), [0], 'NaN equals NaN, −0 equals 0');
  });

  it('overdispersion is about 1 for independent rows and large for clustered ones', () => {
    const r = seededRandom(5);
    const n = 4000;
    const x = Float64Array.from({ length: n }, () => Math.floor(r() * 80));
    const independent = Float64Array.from(x, () => (r() < 0.3 ? 1 : 0));
    const clusterRate = Array.from({ length: 80 }, () => r());
    const clustered = Float64Array.from(x, (v) => (r() < clusterRate[v] ? 1 : 0));
    assert.ok(overdispersion(x, independent, true) < 1.5);
    assert.ok(overdispersion(x, clustered, true) > 5);
  });

  it('distributionShift: same distribution is stable, a shifted one is not', () => {
    const r = seededRandom(6);
    const a = Float64Array.from({ length: 3000 }, () => normal(r));
    const b = Float64Array.from({ length: 1000 }, () => normal(r));
    const c = Float64Array.from({ length: 1000 }, () => normal(r) + 1);
    const same = distributionShift(a, b);
    const shifted = distributionShift(a, c);
    assert.ok(same.psi < 0.1 && same.ksPValue > 0.001, JSON.stringify(same));
    assert.ok(shifted.psi > 0.25 && shifted.ksPValue < 1e-6, JSON.stringify(shifted));
  });

  it('cross-fitted logistic AUC: near 0.5 for noise, high for a linear signal', () => {
    const r = seededRandom(7);
    const n = 2000;
    const x1 = Float64Array.from({ length: n }, () => normal(r));
    const x2 = Float64Array.from({ length: n }, () => normal(r));
    const y = Float64Array.from(x1, (v, i) => (v + 0.5 * x2[i] + 0.3 * normal(r) > 0 ? 1 : 0));
    const noise = Float64Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
    assert.ok(crossFittedLogisticAuc([x1, x2], y, 1).auc > 0.95);
    assert.ok(Math.abs(crossFittedLogisticAuc([x1, x2], noise, 1).auc - 0.5) < 0.05);
  });

  it('singleFeaturePower does not reward a unique ID for memorising rows', () => {
    const r = seededRandom(8);
    const n = 3000;
    const id = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
    assert.ok(singleFeaturePower(id, y, { kind: 'classes', classCount: 2 }, 1).power < 0.1);
  });

  it('poissonUpperTail', () => {
    assert.equal(poissonUpperTail(0, 3), 1);
    assert.ok(Math.abs(poissonUpperTail(1, 2) - (1 - Math.exp(-2))) < 1e-12);
    assert.ok(poissonUpperTail(150, 1) < 1e-12);
  });
});
