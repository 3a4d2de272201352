/** Quality grading: efficiency message, rank statistics, sanity check, findings, method choice, backgrounds, PRNG. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkShapleyEfficiency } from '../../../server/engine/attribution/shapleyEfficiency';
import type { ShapleyExplanation } from '../../../server/engine/attribution/shapleyExplanation';
import { kendallTau, spearmanCorrelation } from '../../../server/engine/attribution/rankCorrelation';
import { rankStability } from '../../../server/engine/attribution/rankStability';
import { bootstrapRankStability } from '../../../server/engine/attribution/bootstrapRankStability';
import { modelRandomisationCheck } from '../../../server/engine/attribution/modelRandomisationCheck';
import { methodAgreement } from '../../../server/engine/attribution/methodAgreement';
import { attributionFindings } from '../../../server/engine/attribution/attributionFindings';
import { chooseAttributionMethod } from '../../../server/engine/attribution/chooseAttributionMethod';
import { sampleBackground } from '../../../server/engine/attribution/backgroundSample';
import { kmeansBackground } from '../../../server/engine/attribution/kmeansBackground';
import { seededRandom } from '../../../server/engine/attribution/random';
import { scorers } from '../../../server/engine/attribution/scorers';
import { studentT975 } from '../../../server/engine/attribution/summaryStats';
import { randomMatrix } from './helpers/arbitraries';

function explanation(values: number[], base: number, prediction: number[]): ShapleyExplanation {
  const d = values.length / prediction.length;
  return {
    method: 'kernelshap', features: Array.from({ length: d }, (_, j) => `f${j}`), rows: prediction.length, outputWidth: 1,
    baseValue: Float64Array.of(base), values: Float64Array.from(values), prediction: Float64Array.from(prediction), evaluationsPerRow: 10, background: 'test',
  };
}

test('efficiency check names the worst row, both numbers and the knob', () => {
  const check = checkShapleyEfficiency(explanation([0.1, 0.2, 0.3, 0.1], 0.5, [0.8, 0.95]));
  assert.equal(check.ok, false);
  assert.equal(check.worstRow, 1);
  assert.match(check.message ?? '', /row 1.*0\.900000.*f\(x\) = 0\.950000.*--method exact/s);
  assert.ok(checkShapleyEfficiency(explanation([0.1, 0.2], 0.5, [0.8])).ok);
});

test('rank correlations match known values', () => {
  assert.equal(spearmanCorrelation([1, 2, 3, 4], [1, 2, 3, 4]), 1);
  assert.equal(spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  assert.ok(Math.abs(spearmanCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) - 0.8) < 1e-12); // 1 − 6·4/(5·24)
  assert.ok(Math.abs(kendallTau([1, 2, 3, 4], [1, 3, 2, 4]) - 4 / 6) < 1e-12); // 5 concordant, 1 discordant
  const agree = methodAgreement({ method: 'a', importance: [3, 2, 1] }, { method: 'b', importance: [30, 20, 10] });
  assert.deepEqual([agree.spearman, agree.kendall], [1, 1]);
});

test('rank stability: constant replicates keep every rank; noisy ones do not', () => {
  const stable = rankStability([[3, 2, 1], [3, 2, 1], [3, 2, 1]]);
  assert.deepEqual(stable.keepsRank, [1, 1, 1]);
  assert.deepEqual(stable.consensusRank, [1, 2, 3]);
  const noisy = rankStability([[1, 1.1, 0], [1.1, 1, 0], [1, 1.1, 0], [1.1, 1, 0]]);
  assert.equal(noisy.keepsRank[0], 0.5);
  assert.equal(noisy.keepsRank[2], 1);
  const boot = bootstrapRankStability(explanation([1, 0.1, -1, 0.1, 1.2, 0], 0, [1.1, -0.9, 1.2]), { resamples: 50 });
  assert.equal(boot.replicates, 50);
});

test('model-randomisation check fails when attributions do not change and passes when they do', () => {
  const orig = [[5, 1, 3, 0.2], [4, 0.5, 2, 0.1]];
  assert.equal(modelRandomisationCheck(orig, orig.map((r) => r.map((v) => 2 * v))).pass, false);
  const shuffled = [[0.2, 3, 1, 5], [0.1, 4, 0.5, 2]];
  const result = modelRandomisationCheck(orig, shuffled);
  assert.equal(result.pass, true, `similarity ${result.similarity}`);
});

test('failed checks become explain.unstable / explain.sanity findings with evidence', () => {
  const findings = attributionFindings({
    method: 'kernelshap',
    features: ['a', 'b', 'c'],
    efficiency: checkShapleyEfficiency(explanation([0.1, 0.2, 0.3], 0.5, [2])),
    ranking: { stability: rankStability([[1, 1.1, 0], [1.1, 1, 0], [1, 1.1, 0], [1.1, 1, 0]]), source: 'bootstrap' },
    agreement: [methodAgreement({ method: 'permutation', importance: [1, 2, 3] }, { method: 'kernelshap', importance: [3, 2, 1] })],
    sanity: modelRandomisationCheck([[3, 2, 1]], [[3, 2, 1]]),
  });
  const ids = findings.map((f) => f.id);
  assert.deepEqual(ids, ['explain.unstable', 'explain.unstable', 'explain.unstable', 'explain.sanity']);
  assert.equal(findings[1].feature, 'a');
  for (const f of findings) assert.ok(Object.keys(f.evidence).length > 0);
  assert.deepEqual(attributionFindings({ method: 'exact', features: ['a'] }), []);
});

test('method choice: trees → treeshap, d ≤ 14 → exact, else kernelshap; override wins; unknown throws', () => {
  assert.equal(chooseAttributionMethod({ isTreeEnsemble: true, featureCount: 50 }), 'treeshap');
  assert.equal(chooseAttributionMethod({ isTreeEnsemble: false, featureCount: 14 }), 'exact');
  assert.equal(chooseAttributionMethod({ isTreeEnsemble: false, featureCount: 15 }), 'kernelshap');
  assert.equal(chooseAttributionMethod({ isTreeEnsemble: true, featureCount: 5, override: 'lime' }), 'lime');
  assert.equal(chooseAttributionMethod({ isTreeEnsemble: false, featureCount: 5, override: 'auto' }), 'exact');
  assert.throws(() => chooseAttributionMethod({ isTreeEnsemble: false, featureCount: 5, override: 'deeplift' }), /unknown attribution method 'deeplift'/);
});

test('backgrounds: stratified sample keeps class shares; k-means weights sum to one; both seeded', () => {
  const m = randomMatrix(seededRandom(2), 200, 3);
  const strata = Float64Array.from({ length: 200 }, (_, i) => (i < 20 ? 1 : 0));
  const s = sampleBackground(m, { size: 50, seed: 1, strata });
  let positives = 0;
  for (let r = 0; r < s.rows; r++) for (let i = 0; i < 20; i++) if (s.data[r * 3] === m.data[i * 3]) positives++;
  assert.equal(positives, 5);
  const k1 = kmeansBackground(m, { clusters: 8, seed: 4 });
  const k2 = kmeansBackground(m, { clusters: 8, seed: 4 });
  assert.deepEqual(Array.from(k1.data), Array.from(k2.data));
  assert.ok(Math.abs(k1.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test('PRNG: same seed same stream, different seeds differ', () => {
  const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43);
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.next()));
  xs.forEach((x) => assert.ok(x >= 0 && x < 1));
});

test('scorers: AUC with ties, log-loss, Student t quantile', () => {
  assert.equal(scorers.roc_auc.score([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9], 1), 0.875);
  assert.ok(Math.abs(scorers.log_loss.score([1, 0], [0.8, 0.4], 1) - -(Math.log(0.8) + Math.log(0.6)) / 2) < 1e-12);
  assert.ok(Math.abs(studentT975(9) - 2.262157) < 1e-4);
  assert.ok(Math.abs(studentT975(30) - 2.042272) < 1e-4);
});
