/**
 * Integrated Gradients against the fixtures' exact IG for the MLPs (mlp.integrated_gradients.json:
 * `ig` is exact — piecewise-affine integral for the ReLU net, converged Gauss–Legendre for the
 * tanh net — and `ig_riemann_midpoint_4096` a 4096-step midpoint sum for comparison), on
 * test.csv rows 0..99 with the zero and train-mean baselines, in P(1)/logit/raw space.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGradientGraph } from '../../../server/engine/gradients/gradientGraph';
import { createOrtGradientRunner } from '../../../server/engine/gradients/ortGradientRunner';
import { integratedGradients } from '../../../server/engine/gradients/integratedGradients';
import { fixturesAvailable, predictionTolerance, readJson } from '../attribution/helpers/fixtures';
import { fixtureModel } from './fixtureModels';

interface IgReference {
  feature_names: string[];
  results: Record<string, { output: 'proba1' | 'logit' | 'raw'; baseline: number[]; ig: number[][]; fx: number[]; riemann_vs_reference_max_abs: number }>;
}

/**
 * The ONNX weights are float32 roundings of sklearn's float64 weights, so f itself differs from
 * the reference by ~1e-6 relative (fixtures README: 1e-6 × max |output|); IG inherits that.
 */
const IG_RELATIVE_TOLERANCE = 1e-5;
const ROWS = 100;

for (const dataset of ['pima', 'diabetes']) {
  test(`${dataset}/mlp: Integrated Gradients match the exact reference (every baseline and space)`, { skip: !fixturesAvailable() }, async (t) => {
    const ref = readJson<IgReference>(dataset, 'mlp.integrated_gradients.json');
    const m = fixtureModel(dataset, 'mlp');
    const d = m.features.length;
    assert.deepEqual(ref.feature_names, m.features);
    const x = m.test.slice(0, ROWS * d);
    const evaluator = await m.evaluator();
    try {
      for (const [key, res] of Object.entries(ref.results)) {
        const selector = res.output === 'raw' ? { output: 'variable', column: 0 } : { output: 'probabilities', column: 1, beforeActivation: res.output === 'logit' };
        const built = buildGradientGraph(m.onnx, 'input', selector);
        assert.ok(built.ok, built.ok ? '' : built.reason);
        const runner = await createOrtGradientRunner(built.graph);
        const t0 = performance.now();
        const ig = await integratedGradients(runner, x, ROWS, {
          baseline: Float64Array.from(res.baseline),
          ...(res.output === 'logit' ? {} : { forward: { evaluator, column: 0 } }),
        });
        const ms = performance.now() - t0;
        let err = 0;
        let scale = 0;
        res.ig.forEach((row, i) => row.forEach((v, j) => {
          err = Math.max(err, Math.abs(v - ig.attributions[i * d + j]));
          scale = Math.max(scale, Math.abs(v));
        }));
        assert.ok(err <= IG_RELATIVE_TOLERANCE * scale, `${key}: max |IG − reference| = ${err} (attribution scale ${scale})`);
        assert.ok(ig.completeness.ok, ig.completeness.message);
        if (ig.graphForwardMismatch !== undefined) {
          const maxF = Math.max(...res.fx.map(Math.abs));
          assert.ok(ig.graphForwardMismatch <= predictionTolerance(maxF), `${key}: graph forward vs model ${ig.graphForwardMismatch}`);
        }
        if (dataset === 'pima') {
          // Splitting the path at ReLU kinks is more accurate than the 4096-step midpoint sum.
          assert.ok(err < res.riemann_vs_reference_max_abs, `${key}: ${err} not below the 4096-step Riemann error ${res.riemann_vs_reference_max_abs}`);
        }
        t.diagnostic(
          `${key}: max abs error ${err.toExponential(2)} (scale ${scale.toPrecision(3)}; 4096-step Riemann ${res.riemann_vs_reference_max_abs.toExponential(2)}), ` +
            `worst completeness gap ${ig.completeness.worstGap.toExponential(2)}, ${ig.pointsPerRow.toFixed(1)} points/row, ${ig.stats.runs} runs, ${ms.toFixed(0)} ms; ${ig.quadrature}`,
        );
        await runner.dispose?.();
      }
    } finally {
      await evaluator.dispose();
    }
  });
}

test('diabetes/mlp: both rules converge as steps grow; Gauss–Legendre is the more accurate at 256 points', { skip: !fixturesAvailable() }, async (t) => {
  const ref = readJson<IgReference>('diabetes', 'mlp.integrated_gradients.json');
  const m = fixtureModel('diabetes', 'mlp');
  const d = m.features.length;
  const res = ref.results['raw|train_mean'];
  const built = buildGradientGraph(m.onnx, 'input', { output: 'variable', column: 0 });
  assert.ok(built.ok);
  const runner = await createOrtGradientRunner(built.graph);
  const errorAt = async (rule: 'gauss-legendre' | 'riemann-trapezoid', steps: number): Promise<number> => {
    const ig = await integratedGradients(runner, m.test.slice(0, ROWS * d), ROWS, { baseline: Float64Array.from(res.baseline), rule, steps });
    let err = 0;
    res.ig.forEach((row, i) => row.forEach((v, j) => (err = Math.max(err, Math.abs(v - ig.attributions[i * d + j])))));
    return err;
  };
  const [gl32, gl256, tr32, tr256] = [await errorAt('gauss-legendre', 32), await errorAt('gauss-legendre', 256), await errorAt('riemann-trapezoid', 32), await errorAt('riemann-trapezoid', 256)];
  t.diagnostic(`GL 32: ${gl32.toExponential(2)}, GL 256: ${gl256.toExponential(2)}, trapezoid 32: ${tr32.toExponential(2)}, trapezoid 256: ${tr256.toExponential(2)}, Riemann-4096 reference: ${res.riemann_vs_reference_max_abs.toExponential(2)}`);
  assert.ok(gl256 <= gl32 && tr256 < tr32, 'more steps must not be less accurate');
  // With few panels a sharply saturating tanh defeats either rule; once the panels resolve it, Gauss–Legendre wins.
  assert.ok(gl256 < tr256, 'Gauss–Legendre beats the trapezoid at 256 points on a smooth (tanh) path');
  await runner.dispose?.();
});
