/**
 * The gradient graph of every differentiable fixture model against central finite
 * differences through the BatchingEvaluator (the float32 model in ONNX Runtime), and its
 * forward value against the model's own output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGradientGraph } from '../../../server/engine/gradients/gradientGraph';
import { createOrtGradientRunner } from '../../../server/engine/gradients/ortGradientRunner';
import { featureScales, finiteDifferenceRunner, DEFAULT_RELATIVE_STEP } from '../../../server/engine/gradients/finiteDifferences';
import { fixturesAvailable, predictionTolerance } from '../attribution/helpers/fixtures';
import { DIFFERENTIABLE_MODELS, fixtureModel } from './fixtureModels';

const ROWS = 40;
/** Truncation error of central differences, relative to the largest gradient (× feature sd) of the model. */
const FD_TRUNCATION_RELATIVE = 2e-3;
/** float32 rounding of f(x ± h) (ε = 2⁻²⁴ per value, a few operations deep): ε · max|f| · 8 / (2h) in sd units. */
const FLOAT32_NOISE_FACTOR = 8 * 2 ** -24;

for (const [dataset, name] of DIFFERENTIABLE_MODELS) {
  test(`${dataset}/${name}: gradient graph matches central differences through the evaluator`, { skip: !fixturesAvailable() }, async (t) => {
    const m = fixtureModel(dataset, name);
    const d = m.features.length;
    const evaluator = await m.evaluator();
    const x = m.test.slice(0, ROWS * d);
    const scale = featureScales(m.train, m.trainRows, d);
    try {
      for (let c = 0; c < evaluator.outputWidth; c++) {
        const selector = m.task === 'regression' ? { output: 'variable', column: 0 } : { output: 'probabilities', column: evaluator.outputWidth === 1 ? 1 : c };
        const built = buildGradientGraph(m.onnx, 'input', selector);
        assert.ok(built.ok, built.ok ? '' : built.reason);
        const runner = await createOrtGradientRunner(built.graph, { intraOpThreads: 1 });
        const exact = await runner.run(x, ROWS);
        const fd = await finiteDifferenceRunner(evaluator, { column: c, scale }).run(x, ROWS);
        // Forward values: the float64 graph against the float32 model (fixtures' prediction tolerance).
        const maxF = Math.max(...fd.value.map(Math.abs));
        exact.value.forEach((v, r) => assert.ok(Math.abs(v - fd.value[r]) <= predictionTolerance(maxF), `row ${r}: graph ${v} vs model ${fd.value[r]}`));
        // FD is not a derivative across a ReLU kink: skip (row, feature) pairs whose ±h points change the sign pattern.
        const crosses = await kinkCrossings(runner, x, ROWS, d, scale);
        let G = 0;
        for (let i = 0; i < exact.grad.length; i++) G = Math.max(G, Math.abs(exact.grad[i]) * scale[i % d]);
        const tol = FD_TRUNCATION_RELATIVE * G + (FLOAT32_NOISE_FACTOR * maxF) / (2 * DEFAULT_RELATIVE_STEP);
        let worst = 0;
        let compared = 0;
        for (let i = 0; i < exact.grad.length; i++) {
          if (crosses[i]) continue;
          compared++;
          const err = Math.abs(exact.grad[i] - fd.grad[i]) * scale[i % d];
          worst = Math.max(worst, err);
          assert.ok(err <= tol, `${selector.output}[:, ${selector.column}] row ${Math.floor(i / d)} feature ${m.features[i % d]}: graph ${exact.grad[i]} vs FD ${fd.grad[i]} (× sd ${scale[i % d]}), tolerance ${tol}`);
        }
        assert.ok(compared >= 0.8 * exact.grad.length, `only ${compared} of ${exact.grad.length} entries away from kinks`);
        t.diagnostic(`column ${c}: max |graph − FD| × sd = ${worst.toExponential(2)} (gradient scale ${G.toExponential(2)}, ${compared}/${exact.grad.length} compared)`);
        await runner.dispose?.();
      }
    } finally {
      await evaluator.dispose();
    }
  });
}

async function kinkCrossings(runner: Awaited<ReturnType<typeof createOrtGradientRunner>>, x: Float64Array, rows: number, d: number, scale: Float64Array): Promise<Uint8Array> {
  const out = new Uint8Array(rows * d);
  const K = runner.kinkCount;
  if (!K) return out;
  const points = new Float64Array(rows * (2 * d + 1) * d);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k <= 2 * d; k++) points.set(x.subarray(r * d, (r + 1) * d), (r * (2 * d + 1) + k) * d);
    for (let j = 0; j < d; j++) {
      const h = DEFAULT_RELATIVE_STEP * scale[j];
      points[(r * (2 * d + 1) + 1 + 2 * j) * d + j] = Math.fround(x[r * d + j] + h);
      points[(r * (2 * d + 1) + 2 + 2 * j) * d + j] = Math.fround(x[r * d + j] - h);
    }
  }
  const kinks = (await runner.run(points, rows * (2 * d + 1))).kinks!;
  for (let r = 0; r < rows; r++) {
    const at = (k: number): Uint8Array => kinks.subarray((r * (2 * d + 1) + k) * K, (r * (2 * d + 1) + k + 1) * K);
    for (let j = 0; j < d; j++) {
      const [p0, pu, pd] = [at(0), at(1 + 2 * j), at(2 + 2 * j)];
      for (let k = 0; k < K; k++) if (p0[k] !== pu[k] || p0[k] !== pd[k]) out[r * d + j] = 1;
    }
  }
  return out;
}
