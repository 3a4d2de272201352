import type { Task } from '../results/report';
import type { Direction, IgnoreRule, SavedSlice } from './configFile';

/** One model with its data, as the analysis needs it: absolute paths, all settings resolved. */
export interface ResolvedModel {
  readonly name: string;
  readonly modelPath: string;
  readonly train?: string;
  readonly test?: string;
  /** Undefined when the target must still be guessed from the loaded data. */
  readonly target?: string;
  readonly task?: Task;
  readonly positiveClass?: string;
  /** Model input order; undefined = take it from the model. */
  readonly features?: readonly string[];
  readonly categorical: readonly string[];
  readonly oneHot: Readonly<Record<string, readonly string[]>>;
  readonly sensitive: readonly string[];
  readonly expect: Readonly<Record<string, Direction>>;
  readonly time?: string;
  readonly ignore: readonly IgnoreRule[];
  readonly savedSlices: readonly SavedSlice[];
  readonly origin: { readonly kind: 'config'; readonly file: string; readonly index: number } | { readonly kind: 'zero-config'; readonly reason: string };
}

/** What a model without a modeldiag.json entry declares: nothing beyond its files and target. */
export const UNDECLARED: Pick<ResolvedModel, 'categorical' | 'oneHot' | 'sensitive' | 'expect' | 'ignore' | 'savedSlices'> = {
  categorical: [],
  oneHot: {},
  sensitive: [],
  expect: {},
  ignore: [],
  savedSlices: [],
};

/** Column names that look like row identifiers rather than labels (for target guessing). */
export function looksLikeIdName(name: string): boolean {
  return /^(id|index|idx|row|row_?id|source_row|uuid|key)$|_id$|^id_/i.test(name);
}

export const TARGET_NAMES = ['target', 'label', 'y', 'class', 'outcome'];
