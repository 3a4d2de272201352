/**
 * Agreement between two global importance rankings of the same features (e.g. permutation
 * importance vs mean |SHAP|): Spearman's ρ and Kendall's τ-b. Methods answer different
 * questions, so low agreement is a prompt to look, not proof that one is wrong.
 */
import { kendallTau, spearmanCorrelation } from './rankCorrelation';

export interface MethodAgreement {
  readonly methods: readonly [string, string];
  readonly spearman: number;
  readonly kendall: number;
}

export function methodAgreement(
  a: { readonly method: string; readonly importance: ArrayLike<number> },
  b: { readonly method: string; readonly importance: ArrayLike<number> },
): MethodAgreement {
  return {
    methods: [a.method, b.method],
    spearman: spearmanCorrelation(a.importance, b.importance),
    kendall: kendallTau(a.importance, b.importance),
  };
}
