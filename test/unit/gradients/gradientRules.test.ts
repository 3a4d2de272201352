/**
 * Each derivative rule on a tiny hand-built model: the gradient graph's gradient must match
 * central differences of its own forward value (float64 graph, h = 1e-6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatAttribute, floatTensor, int64Tensor, intAttribute, intsAttribute } from '../../../server/engine/graph/onnxBuild';
import { buildGradientGraph } from '../../../server/engine/gradients/gradientGraph';
import { createOrtGradientRunner } from '../../../server/engine/gradients/ortGradientRunner';
import { D, maxGradientError, n, testRows, tinyModel, w } from './handBuilt';

/**
 * Central differences in float64 with h = 1e-6 have truncation error ~h²·|f'''| ≈ 1e-12 and
 * rounding error ~1e-16·|f|/h ≈ 1e-10; 1e-6 relative to the gradient scale leaves ample room.
 */
const FD_RELATIVE_TOLERANCE = 1e-6;

const cases: { name: string; model: ReturnType<typeof tinyModel>; column?: number; logit?: boolean }[] = [
  { name: 'Gemm', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'y')], [w('W', [D, 2]), w('b', [2], 2)], 2) },
  {
    name: 'Gemm transA transB alpha beta',
    model: tinyModel(
      [n('Transpose', ['x'], 'xt'), n('Gemm', ['xt', 'W', 'b'], 'y', [intAttribute('transA', 1), intAttribute('transB', 1), floatAttribute('alpha', 0.7), floatAttribute('beta', 1.3)])],
      [w('W', [2, D]), w('b', [1, 2], 2)],
      2,
    ),
  },
  { name: 'Gemm with x as B (transB)', model: tinyModel([n('Gemm', ['W', 'x', 'b'], 'yt', [intAttribute('transB', 1), floatAttribute('alpha', 1.5)]), n('Transpose', ['yt'], 'y')], [w('W', [2, D]), w('b', [2, 1], 3)], 2) },
  { name: 'MatMul + Add [d] broadcast', model: tinyModel([n('MatMul', ['x', 'W'], 'z'), n('Add', ['z', 'b'], 'y')], [w('W', [D, 2]), w('b', [2], 2)], 2) },
  { name: 'MatMul 2-D × 1-D', model: tinyModel([n('MatMul', ['x', 'v'], 'y')], [w('v', [D])], 0) },
  { name: 'Sub/Div scaler, Mul by itself', model: tinyModel([n('Sub', ['x', 'm'], 'c'), n('Div', ['c', 's'], 'z'), n('Mul', ['z', 'z'], 'y')], [w('m', [D]), floatTensor('s', [1, D], [0.5, 2, 3])], D) },
  { name: 'Div by the input, Neg', model: tinyModel([n('Div', ['one', 'x'], 'r'), n('Neg', ['r'], 'y')], [floatTensor('one', [1], [1])], D) },
  { name: 'Exp, Log, Sqrt, Pow', model: tinyModel([n('Exp', ['x'], 'e'), n('Log', ['x'], 'l'), n('Sqrt', ['x'], 's'), n('Pow', ['x', 'p'], 'q'), n('Sum', ['e', 'l', 's', 'q'], 'y')], [floatTensor('p', [], [2.5])], D) },
  { name: 'Sigmoid, Tanh, LeakyRelu', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Tanh', ['z'], 't'), n('LeakyRelu', ['t'], 'lr', [floatAttribute('alpha', 0.2)]), n('Sigmoid', ['lr'], 'y')], [w('W', [D, 4]), w('b', [4], 5)], 4), column: 3 },
  { name: 'Softmax axis 1, P(class 2)', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Softmax', ['z'], 'y', [intAttribute('axis', 1)])], [w('W', [D, 3]), w('b', [3], 2)], 3), column: 2 },
  { name: 'Softmax, logit selection', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Softmax', ['z'], 'y', [intAttribute('axis', 1)])], [w('W', [D, 3]), w('b', [3], 2)], 3), column: 1, logit: true },
  { name: 'Concat of [1 − p, p]', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Sigmoid', ['z'], 'p'), n('Sub', ['one', 'p'], 'q'), n('Concat', ['q', 'p'], 'y', [intAttribute('axis', 1)])], [w('W', [D, 1]), w('b', [1], 2), floatTensor('one', [1], [1])], 2), column: 0 },
  { name: 'Slice and Concat with the input', model: tinyModel([n('Slice', ['x', 'st', 'en', 'ax'], 's'), n('Concat', ['s', 'x'], 'y', [intAttribute('axis', 1)])], [int64Tensor('st', [1], [1]), int64Tensor('en', [1], [3]), int64Tensor('ax', [1], [1])], 5), column: 1 },
  { name: 'Gather columns (repeated index)', model: tinyModel([n('Gather', ['x', 'idx'], 'g', [intAttribute('axis', 1)]), n('Mul', ['g', 'g'], 'y')], [int64Tensor('idx', [3], [2, 0, 2])], 3), column: 2 },
  { name: 'Reshape, Flatten, Transpose', model: tinyModel([n('Reshape', ['x', 'shp'], 'r'), n('Transpose', ['r'], 't', [intsAttribute('perm', [0, 2, 1])]), n('Flatten', ['t'], 'f'), n('Gemm', ['f', 'W', 'b'], 'y')], [int64Tensor('shp', [3], [-1, 3, 1]), w('W', [D, 2]), w('b', [2])], 2) },
  { name: 'Unsqueeze, Squeeze (opset 13 inputs)', model: tinyModel([n('Unsqueeze', ['x', 'a'], 'u'), n('Sigmoid', ['u'], 's'), n('Squeeze', ['s', 'a'], 'y')], [int64Tensor('a', [1], [1])], D) },
  { name: 'ReduceSum keepdims, ReduceMean', model: tinyModel([n('Mul', ['x', 'x'], 'q'), n('ReduceSum', ['q', 'a'], 'r', [intAttribute('keepdims', 1)]), n('ReduceMean', ['x'], 'm', [intsAttribute('axes', [1]), intAttribute('keepdims', 0)]), n('Unsqueeze', ['m', 'a'], 'mu'), n('Concat', ['r', 'mu'], 'y', [intAttribute('axis', 1)])], [int64Tensor('a', [1], [1])], 2), column: 1 },
  { name: 'Where on a comparison, Identity, Cast to float', model: tinyModel([n('Greater', ['x', 'half'], 'c'), n('Mul', ['x', 'x'], 'q'), n('Where', ['c', 'q', 'x'], 'wh'), n('Cast', ['wh'], 'ca', [intAttribute('to', 1)]), n('Identity', ['ca'], 'y')], [floatTensor('half', [], [1.0])], D), column: 0 },
  { name: 'opset 11 (attribute forms)', model: tinyModel([n('Gemm', ['x', 'W', 'b'], 'z'), n('Unsqueeze', ['z'], 'u', [intsAttribute('axes', [2])]), n('ReduceSum', ['u'], 'r', [intsAttribute('axes', [2]), intAttribute('keepdims', 0)]), n('Softmax', ['r'], 'y', [intAttribute('axis', 1)])], [w('W', [D, 3]), w('b', [3])], 3, 11), column: 1 },
];

for (const c of cases) {
  for (const precision of ['float64', 'float32'] as const) {
    test(`rule ${c.name} (${precision}): gradient graph matches central differences`, async () => {
      const built = buildGradientGraph(c.model, 'x', { output: 'y', column: c.column ?? 0, beforeActivation: c.logit }, { precision });
      assert.ok(built.ok, built.ok ? '' : built.reason);
      const runner = await createOrtGradientRunner(built.graph, { intraOpThreads: 1 });
      try {
        if (precision === 'float32') {
          // float32 gradients: compare with the float64 graph's gradients instead of differences.
          const ref = buildGradientGraph(c.model, 'x', { output: 'y', column: c.column ?? 0, beforeActivation: c.logit });
          assert.ok(ref.ok);
          const r64 = await createOrtGradientRunner(ref.graph, { intraOpThreads: 1 });
          const x = testRows(4);
          const [a, b] = [await runner.run(Float32Array.from(x), 4), await r64.run(x, 4)];
          const scale = Math.max(...b.grad.map(Math.abs));
          // float32 has ε ≈ 6e-8; a few operations of rounding stay within 1e-5 relative.
          b.grad.forEach((g, i) => assert.ok(Math.abs(g - a.grad[i]) <= 1e-5 * scale + 1e-6, `${c.name}: float32 ${a.grad[i]} vs float64 ${g}`));
          await r64.dispose?.();
          return;
        }
        const { error, scale } = await maxGradientError(runner, testRows(4), 4);
        assert.ok(scale > 0, `${c.name}: gradient is identically zero`);
        assert.ok(error <= FD_RELATIVE_TOLERANCE * scale, `${c.name}: max |graph − central difference| = ${error} vs gradient scale ${scale}`);
      } finally {
        await runner.dispose?.();
      }
    });
  }
}
