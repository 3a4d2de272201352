/**
 * Emits the nodes and constants of a gradient graph with collision-free names, choosing
 * the opset-dependent form of each operator (ReduceSum and Squeeze/Unsqueeze take `axes` as
 * an input from opset 13, ReduceMean from 18; https://onnx.ai/onnx/operators/).
 */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../../loaders/model/onnxProto';
import { OnnxDataType } from '../../loaders/model/onnxProto';
import { doubleTensor, floatTensor, int64Tensor, intAttribute, intsAttribute, node } from '../graph/onnxBuild';

export class GradientEmitter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly shapes = new Map<string, string>();
  private readonly scalars = new Map<number, string>();

  constructor(
    private readonly fresh: (base: string) => string,
    /** Default-domain opset of the model; emitted nodes follow its operator versions. */
    readonly opset: number,
    /** Element type of every float tensor in the gradient graph (FLOAT or DOUBLE). */
    readonly elemType: number,
  ) {}

  /** Adds one single-output node and returns its output name. */
  op(opType: string, inputs: readonly string[], attributes: readonly OnnxAttribute[] = [], base = opType): string {
    const out = this.fresh(`g_${base}`);
    this.nodes.push(node(opType, inputs, [out], attributes, this.fresh(`n_${base}`)));
    return out;
  }

  /** A float constant of the graph's element type. */
  floatConst(base: string, dims: readonly number[], values: ArrayLike<number>): string {
    const name = this.fresh(`c_${base}`);
    this.initializers.push(this.elemType === OnnxDataType.DOUBLE ? doubleTensor(name, dims, values) : floatTensor(name, dims, values));
    return name;
  }

  /** A scalar float constant (shared per value). */
  scalar(value: number): string {
    let name = this.scalars.get(value);
    if (!name) {
      name = this.floatConst('scalar', [], [value]);
      this.scalars.set(value, name);
    }
    return name;
  }

  intConst(base: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = this.fresh(`i_${base}`);
    this.initializers.push(int64Tensor(name, dims, values));
    return name;
  }

  /** Runtime shape of a value (one Shape node per value). */
  shapeOf(value: string): string {
    let s = this.shapes.get(value);
    if (!s) {
      s = this.op('Shape', [value], [], 'shape');
      this.shapes.set(value, s);
    }
    return s;
  }

  /** Reshapes `x` to the runtime shape of `like`. */
  reshapeLike(x: string, like: string): string {
    return this.op('Reshape', [x, this.shapeOf(like)], [], 'reshape');
  }

  reduceSum(x: string, axes: readonly number[], keepdims: boolean): string {
    if (this.opset >= 13) return this.op('ReduceSum', [x, this.intConst('axes', axes)], [intAttribute('keepdims', keepdims ? 1 : 0)], 'reducesum');
    return this.op('ReduceSum', [x], [intsAttribute('axes', axes), intAttribute('keepdims', keepdims ? 1 : 0)], 'reducesum');
  }

  unsqueeze(x: string, axes: readonly number[]): string {
    if (this.opset >= 13) return this.op('Unsqueeze', [x, this.intConst('axes', axes)], [], 'unsqueeze');
    return this.op('Unsqueeze', [x], [intsAttribute('axes', axes)], 'unsqueeze');
  }

  /** Slice (opset ≥ 10 input form) of one axis: [start, end). */
  sliceAxis(x: string, axis: number, start: number, end: number): string {
    return this.op('Slice', [x, this.intConst('starts', [start]), this.intConst('ends', [end]), this.intConst('axes', [axis])], [], 'slice');
  }

  /** Sum of gradient contributions (the multivariate chain rule adds paths). */
  sum(parts: readonly string[]): string {
    return parts.length === 1 ? parts[0] : this.op('Sum', parts, [], 'accumulate');
  }
}
