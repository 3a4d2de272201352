/**
 * Picks the attribution method (`--method auto`), like shap's auto dispatch but as a plain
 * function: a tree ensemble gets exact TreeSHAP; few features get exact enumeration;
 * otherwise KernelSHAP. An explicit choice always wins; an unknown name is an error.
 */
import { EXACT_SHAPLEY_MAX_FEATURES } from './exactShapley';

export const ATTRIBUTION_METHODS = ['treeshap', 'exact', 'kernelshap', 'lime', 'ig', 'permutation'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

export interface MethodChoiceInput {
  readonly isTreeEnsemble: boolean;
  readonly featureCount: number;
  /** 'auto' or undefined for automatic choice. */
  readonly override?: string;
}

export function chooseAttributionMethod(input: MethodChoiceInput): AttributionMethod {
  const { override } = input;
  if (override !== undefined && override !== 'auto') {
    if (!(ATTRIBUTION_METHODS as readonly string[]).includes(override)) {
      throw new RangeError(`unknown attribution method '${override}'; use auto or one of ${ATTRIBUTION_METHODS.join(', ')}`);
    }
    return override as AttributionMethod;
  }
  if (input.isTreeEnsemble) return 'treeshap';
  if (input.featureCount <= EXACT_SHAPLEY_MAX_FEATURES) return 'exact';
  return 'kernelshap';
}
