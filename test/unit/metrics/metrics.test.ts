import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from '../../../server/engine/stats/rocAuc';
import { classificationMetrics } from '../../../server/engine/metrics/classificationMetrics';
import { regressionMetrics } from '../../../server/engine/metrics/regressionMetrics';

/** Brute force: P(score_pos > score_neg) + ½ P(tie), over all pairs. */
function pairwiseAuc(s: number[], y: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
    if (y[i] === 1 && y[j] === 0) {
      den++;
      num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return num / den;
}

test('ROC AUC equals the pairwise definition, ties counted as one half (seeded random cases)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let trial = 0; trial < 50; trial++) {
    const n = 5 + Math.floor(rand() * 60);
    const s = Array.from({ length: n }, () => Math.round(rand() * 10) / 10); // many ties
    const y = Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
    if (!y.includes(1) || !y.includes(0)) continue;
    assert.ok(Math.abs(rocAuc(s, y) - pairwiseAuc(s, y)) < 1e-12, `trial ${trial} (seed 7)`);
  }
  assert.ok(Number.isNaN(rocAuc([0.1, 0.2], [1, 1])), 'one class only: undefined');
});

test('binary metrics on a hand-computed case', () => {
  const labels = new Float64Array([1, 0, 1, 0]);
  const p = new Float64Array([0.9, 0.2, 0.4, 0.6]);
  const m = classificationMetrics(labels, p, 1, 1);
  assert.equal(m.accuracy, 0.5);
  assert.ok(Math.abs(m.brier - (0.01 + 0.04 + 0.36 + 0.36) / 4) < 1e-12);
  assert.ok(Math.abs(m.log_loss - -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4) < 1e-12);
  assert.equal(m.roc_auc, 0.75);
  // ECE: confidences 0.9 (bin 9, correct), 0.8 (bin 8, correct), 0.6 (bin 6, wrong), 0.6 (bin 6, wrong)
  assert.ok(Math.abs(m.ece - (Math.abs(1 - 0.9) + Math.abs(1 - 0.8) + Math.abs(0 - 1.2)) / 4) < 1e-12);
});

test('the positive class can be class 0', () => {
  const labels = new Float64Array([0, 1]);
  const p0 = new Float64Array([0.8, 0.3]);
  const m = classificationMetrics(labels, p0, 1, 0);
  assert.equal(m.accuracy, 1);
  assert.equal(m.roc_auc, 1);
});

test('multiclass accuracy, log-loss and brier', () => {
  const labels = new Float64Array([0, 2, 1]);
  const p = new Float64Array([0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.5, 0.4, 0.1]);
  const m = classificationMetrics(labels, p, 3);
  assert.ok(Math.abs(m.accuracy - 2 / 3) < 1e-12);
  assert.ok(Math.abs(m.log_loss - -(Math.log(0.7) + Math.log(0.6) + Math.log(0.4)) / 3) < 1e-12);
});

test('regression metrics and NaN labels are skipped', () => {
  const m = regressionMetrics(new Float64Array([1, 2, 3, NaN]), new Float64Array([1, 2, 5, 100]));
  assert.ok(Math.abs(m.mae - 2 / 3) < 1e-12);
  assert.ok(Math.abs(m.rmse - Math.sqrt(4 / 3)) < 1e-12);
  assert.ok(Math.abs(m.r2 - (1 - 4 / 2)) < 1e-12);
});
