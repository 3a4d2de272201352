/**
 * Unsupported operators (tree ensembles) return a reason and fall back to finite differences;
 * IG through finite differences on a tree model reports a large completeness gap with advice;
 * saliency; and BAD CALL / EXPECTED FAILURE cases of the builder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGradientGraph } from '../../../server/engine/gradients/gradientGraph';
import { openGradientRunner } from '../../../server/engine/gradients/openGradientRunner';
import { createOrtGradientRunner } from '../../../server/engine/gradients/ortGradientRunner';
import { integratedGradients } from '../../../server/engine/gradients/integratedGradients';
import { baselineVector } from '../../../server/engine/gradients/baselines';
import { featureScales } from '../../../server/engine/gradients/finiteDifferences';
import { saliency } from '../../../server/engine/gradients/saliency';
import { fixturesAvailable } from '../attribution/helpers/fixtures';
import { fixtureModel } from './fixtureModels';
import { n, tinyModel, w } from './handBuilt';
import { intAttribute } from '../../../server/engine/graph/onnxBuild';

test('EXPECTED FAILURE pima/rf: a tree ensemble has no gradient rule; the reason names the operator', { skip: !fixturesAvailable() }, () => {
  const m = fixtureModel('pima', 'rf');
  const built = buildGradientGraph(m.onnx, 'input', { output: 'probabilities', column: 1 });
  assert.equal(built.ok, false);
  assert.ok(!built.ok && /TreeEnsembleClassifier/.test(built.reason) && /finite differences/.test(built.reason), built.ok ? '' : built.reason);
  assert.equal(!built.ok && built.operator, 'ai.onnx.ml.TreeEnsembleClassifier');
});

test('pima/rf and diabetes/gbr: the finite-difference fallback runs IG, and completeness flags the trees', { skip: !fixturesAvailable() }, async (t) => {
  for (const [dataset, name, output] of [['pima', 'rf', 'probabilities'], ['diabetes', 'gbr', 'variable']] as const) {
    const m = fixtureModel(dataset, name);
    const d = m.features.length;
    const evaluator = await m.evaluator();
    try {
      const opened = await openGradientRunner(m.onnx, 'input', { output, column: output === 'probabilities' ? 1 : 0 }, {
        fallback: { evaluator, column: 0, scale: featureScales(m.train, m.trainRows, d) },
      });
      assert.equal(opened.runner.kind, 'finite-differences');
      assert.ok(opened.fallbackReason && /TreeEnsemble/.test(opened.fallbackReason));
      const rows = 20;
      const ig = await integratedGradients(opened.runner, m.test.slice(0, rows * d), rows, {
        baseline: baselineVector({ kind: 'mean', background: m.train, rows: m.trainRows }, d),
        steps: 32,
      });
      assert.ok(ig.attributions.every(Number.isFinite));
      assert.equal(ig.gradientSource, 'finite-differences');
      // Piecewise-constant models: the path integral of a.e.-zero gradients misses the jumps.
      assert.equal(ig.completeness.ok, false, 'a tree ensemble should not pass IG completeness');
      assert.match(ig.completeness.message, /KernelSHAP/);
      t.diagnostic(`${dataset}/${name}: worst gap ${ig.completeness.worstGap.toPrecision(3)} on row ${ig.completeness.worstRow} — ${ig.completeness.message}`);
    } finally {
      await evaluator.dispose();
    }
  }
});

test('saliency: gradient × input is the elementwise product, and matches the graph gradient', { skip: !fixturesAvailable() }, async () => {
  const m = fixtureModel('pima', 'logreg');
  const d = m.features.length;
  const built = buildGradientGraph(m.onnx, 'input', { output: 'probabilities', column: 1, beforeActivation: true });
  assert.ok(built.ok);
  const runner = await createOrtGradientRunner(built.graph);
  const x = m.test.slice(0, 10 * d);
  const s = await saliency(runner, x, 10);
  // The logit of a logistic regression is affine: its gradient is the same for every row.
  for (let r = 1; r < 10; r++) for (let j = 0; j < d; j++) assert.ok(Math.abs(s.gradient[r * d + j] - s.gradient[j]) < 1e-12);
  s.gradientTimesInput.forEach((v, i) => assert.equal(v, s.gradient[i] * x[i]));
  await runner.dispose?.();
});

test('IG completeness holds exactly for an affine logit (logistic regression, any rule)', { skip: !fixturesAvailable() }, async () => {
  const m = fixtureModel('breast_cancer', 'logreg');
  const d = m.features.length;
  const built = buildGradientGraph(m.onnx, 'input', { output: 'probabilities', column: 1, beforeActivation: true });
  assert.ok(built.ok);
  const runner = await createOrtGradientRunner(built.graph);
  for (const rule of ['gauss-legendre', 'riemann-trapezoid'] as const) {
    const ig = await integratedGradients(runner, m.test.slice(0, 50 * d), 50, { baseline: baselineVector({ kind: 'zero' }, d), rule, steps: 4 });
    assert.ok(ig.completeness.worstRelativeGap < 1e-10, `${rule}: ${ig.completeness.worstRelativeGap}`);
  }
  await runner.dispose?.();
});

test('EXPECTED FAILURE: bad selections and graphs return reasons, not exceptions', () => {
  const model = tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Relu', ['z'], 'y')], [w('W', [3, 2]), w('b', [2])], 2);
  const cases: [Parameters<typeof buildGradientGraph>[1], Parameters<typeof buildGradientGraph>[2], RegExp][] = [
    ['nope', { output: 'y', column: 0 }, /no tensor input "nope"/],
    ['x', { output: 'y', column: 5 }, /column 5 is out of range/],
    ['x', { output: 'y', column: 0, beforeActivation: true }, /no Sigmoid or Softmax/],
    ['x', { output: 'missing', column: 0 }, /shape of "missing" is unknown/],
  ];
  for (const [input, selector, pattern] of cases) {
    const r = buildGradientGraph(model, input, selector);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, pattern);
  }
  const argmaxOnly = tinyModel([n('ArgMax', ['x'], 'a', [intAttribute('axis', 1)]), n('Cast', ['a'], 'y', [intAttribute('to', 1)])], [], 0);
  const r = buildGradientGraph(argmaxOnly, 'x', { output: 'y', column: 0 });
  assert.match(r.ok ? '' : r.reason, /does not depend on input "x" through differentiable operators/);
});

test('BAD CALL: integratedGradients rejects a baseline of the wrong length (RangeError naming it)', async () => {
  const model = tinyModel([n('Gemm', ['x', 'W', 'b'], 'y')], [w('W', [3, 1]), w('b', [1])], 1);
  const built = buildGradientGraph(model, 'x', { output: 'y', column: 0 });
  assert.ok(built.ok);
  const runner = await createOrtGradientRunner(built.graph);
  await assert.rejects(integratedGradients(runner, new Float64Array(6), 2, { baseline: new Float64Array(2) }), (e: unknown) => e instanceof RangeError && /baseline/.test(e.message));
  assert.throws(() => baselineVector({ kind: 'row', values: Float64Array.of(1, NaN, 0) }, 3), RangeError);
  await runner.dispose?.();
});
