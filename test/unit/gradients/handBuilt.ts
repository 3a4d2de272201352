/**
 * Test-only tiny ONNX models built in memory (onnxBuild helpers), and a check of a gradient
 * graph against central differences of its own value output in float64.
 */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../../../server/loaders/model/onnxProto';
import { OnnxDataType } from '../../../server/loaders/model/onnxProto';
import type { OnnxModel } from '../../../server/loaders/model/onnxProto';
import { floatTensor, node, tensorValueInfo } from '../../../server/engine/graph/onnxBuild';
import type { GradientRunner } from '../../../server/engine/gradients/gradientRunner';

export const D = 3;

export function tinyModel(nodes: OnnxNode[], initializers: OnnxTensor[], outputWidth: number, opset = 17): OnnxModel {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'tiny',
      node: nodes,
      initializer: initializers,
      input: [tensorValueInfo('x', OnnxDataType.FLOAT, ['N', D])],
      output: [tensorValueInfo('y', OnnxDataType.FLOAT, outputWidth === 0 ? ['N'] : ['N', outputWidth])],
    },
  };
}

export function n(op: string, inputs: string[], output: string, attrs: OnnxAttribute[] = []): OnnxNode {
  return node(op, inputs, [output], attrs, `${op}_${output}`);
}

export function w(name: string, dims: number[], seed = 1): OnnxTensor {
  const size = dims.reduce((a, b) => a * b, 1);
  return floatTensor(name, dims, Array.from({ length: size }, (_, i) => Math.fround(Math.sin(seed * 7.3 + i * 1.7) * 0.8)));
}

/** Rows away from kinks and singularities (positive, so Log/Sqrt/Pow are defined). */
export function testRows(rows: number): Float64Array {
  return Float64Array.from({ length: rows * D }, (_, i) => 0.5 + ((i * 0.37) % 1.3));
}

/** Largest |graph gradient − central difference of the graph's value| over rows and features. */
export async function maxGradientError(runner: GradientRunner, x: Float64Array, rows: number, h = 1e-6): Promise<{ error: number; scale: number }> {
  const d = runner.featureCount;
  const base = await runner.run(x, rows);
  let error = 0;
  let scale = 0;
  for (let j = 0; j < d; j++) {
    const up = x.slice();
    const down = x.slice();
    for (let r = 0; r < rows; r++) {
      up[r * d + j] += h;
      down[r * d + j] -= h;
    }
    const fu = (await runner.run(up, rows)).value;
    const fd = (await runner.run(down, rows)).value;
    for (let r = 0; r < rows; r++) {
      const g = base.grad[r * d + j];
      error = Math.max(error, Math.abs((fu[r] - fd[r]) / (2 * h) - g));
      scale = Math.max(scale, Math.abs(g));
    }
  }
  return { error, scale };
}
