/**
 * Matrix products. Gemm (https://onnx.ai/onnx/operators/onnx__Gemm.html) computes
 * Y = alpha · A' B' + beta · C with A' = transA ? Aᵀ : A and B' = transB ? Bᵀ : B, and C
 * broadcast to Y. Its vector-Jacobian products are again products:
 *   dA' = alpha · G B'ᵀ,  dB' = alpha · A'ᵀ G,  dC = unbroadcast(beta · G),
 * and transposing back gives the four transA/transB cases below.
 */
import type { RuleInput } from './ruleTypes';
import type { GradientRule } from './ruleTypes';
import { input } from './ruleTypes';
import { floatAttribute, intAttribute } from '../../graph/onnxBuild';
import { floatAttr, intAttr } from '../graphConstants';
import { shapeText, unsupported } from '../gradientTypes';
import { unbroadcast } from './broadcastRules';

/** alpha · op(a) · op(b) for 2-D operands, as one Gemm (opset ≥ 11, C optional) or MatMul. */
function product(r: RuleInput, a: string, b: string, transA: boolean, transB: boolean, alpha: number): string {
  const e = r.emit;
  if (e.opset >= 11) {
    const attrs = [intAttribute('transA', transA ? 1 : 0), intAttribute('transB', transB ? 1 : 0), floatAttribute('alpha', alpha)];
    return e.op('Gemm', [a, b], attrs, 'gemm');
  }
  const left = transA ? e.op('Transpose', [a]) : a;
  const right = transB ? e.op('Transpose', [b]) : b;
  const p = e.op('MatMul', [left, right]);
  return alpha === 1 ? p : e.op('Mul', [p, e.scalar(alpha)]);
}

const gemm: GradientRule = (r) => {
  const [a, b, c] = [input(r, 0), input(r, 1), input(r, 2)];
  const tA = intAttr(r.node, 'transA', 0) === 1;
  const tB = intAttr(r.node, 'transB', 0) === 1;
  const alpha = floatAttr(r.node, 'alpha', 1);
  const beta = floatAttr(r.node, 'beta', 1);
  const g = r.grad;
  // dA: (no transA) alpha·G·B'ᵀ; (transA) (alpha·G·B'ᵀ)ᵀ = alpha·B'·Gᵀ
  const dA = r.wants(0) ? (tA ? product(r, b, g, tB, true, alpha) : product(r, g, b, false, !tB, alpha)) : undefined;
  // dB: (no transB) alpha·A'ᵀ·G; (transB) (alpha·A'ᵀ·G)ᵀ = alpha·Gᵀ·A'
  const dB = r.wants(1) ? (tB ? product(r, g, a, true, tA, alpha) : product(r, a, g, !tA, false, alpha)) : undefined;
  let dC: string | undefined;
  if (c && r.wants(2)) dC = unbroadcast(r, beta === 1 ? g : r.emit.op('Mul', [g, r.emit.scalar(beta)]), c);
  return [dA, dB, dC];
};

const matMul: GradientRule = (r) => {
  const [a, b] = [input(r, 0), input(r, 1)];
  const sa = r.shape(a);
  const sb = r.shape(b);
  const g = r.grad;
  if (sa.length === 2 && sb.length === 2) {
    return [r.wants(0) ? product(r, g, b, false, true, 1) : undefined, r.wants(1) ? product(r, a, g, true, false, 1) : undefined];
  }
  if (sa.length === 2 && sb.length === 1) {
    // y[m] = Σ_k A[m,k] b[k]: dA = g bᵀ (outer product), db = Aᵀ g
    const gCol = r.emit.unsqueeze(g, [1]);
    const dA = r.wants(0) ? r.emit.op('Mul', [gCol, b]) : undefined;
    const dB = r.wants(1) ? r.emit.reshapeLike(product(r, a, gCol, true, false, 1), b) : undefined;
    return [dA, dB];
  }
  return unsupported(`MatMul of shapes ${shapeText(sa)} and ${shapeText(sb)}: only 2-D × 2-D and 2-D × 1-D have a gradient rule`, 'MatMul');
};

export const linearRules: Readonly<Record<string, GradientRule>> = { Gemm: gemm, MatMul: matMul };
