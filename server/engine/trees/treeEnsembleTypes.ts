/**
 * Typed, flat representation of an ONNX tree ensemble (ai.onnx.ml TreeEnsembleClassifier /
 * TreeEnsembleRegressor opset 1–3 and TreeEnsemble opset 5), shared by the pure-JS predictor
 * and the TreeSHAP algorithms. One `Tree` holds structure-of-arrays typed arrays so the hot
 * loops touch contiguous memory (the same layout onnxruntime and xgboost use internally).
 */

/** Split comparison of an interior node; `LEAF` marks a leaf. Numbering follows TreeEnsemble-5. */
export const NodeMode = {
  BRANCH_LEQ: 0,
  BRANCH_LT: 1,
  BRANCH_GTE: 2,
  BRANCH_GT: 3,
  BRANCH_EQ: 4,
  BRANCH_NEQ: 5,
  BRANCH_MEMBER: 6,
  LEAF: 7,
} as const;
export type NodeMode = (typeof NodeMode)[keyof typeof NodeMode];

export type PostTransform = 'NONE' | 'LOGISTIC' | 'SOFTMAX' | 'SOFTMAX_ZERO' | 'PROBIT';
export type AggregateFunction = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX';

/**
 * One decision tree, root at index 0. Interior nodes have `mode` < LEAF and both children set;
 * leaves have `feature` = −1 and children −1.
 */
export interface Tree {
  readonly nodeCount: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly mode: Uint8Array;
  readonly trueChild: Int32Array;
  readonly falseChild: Int32Array;
  /** 1 when a missing (NaN) input follows the true branch (`nodes_missing_value_tracks_true`). */
  readonly missingTracksTrue: Uint8Array;
  /** Training cover per node (`nodes_hitrates`); path-dependent TreeSHAP weighs branches by it. */
  readonly cover: Float64Array;
  /** Leaf weights, row-major [nodeCount, outputCount]; zero rows for interior nodes. */
  readonly leafValue: Float64Array;
  /**
   * Present only when some leaf casts no vote for some output: 1 where leaf × output voted.
   * MIN/MAX aggregation skips trees that did not vote (onnxruntime's `has_score`).
   */
  readonly leafVoted?: Uint8Array;
  /** For BRANCH_MEMBER nodes (TreeEnsemble-5 `membership_values`): the member set. */
  readonly members?: ReadonlyMap<number, ReadonlySet<number>>;
}

export interface TreeEnsemble {
  readonly opType: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor' | 'TreeEnsemble';
  readonly task: 'classification' | 'regression';
  /** Number of input features d (model input width, else the largest feature id + 1). */
  readonly featureCount: number;
  /**
   * Width K of the margin (raw score) vector: n_targets for regressors, the number of classes
   * for classifiers, except 1 for a binary classifier with a single score (class 1's log-odds).
   */
  readonly outputCount: number;
  readonly trees: readonly Tree[];
  /** Offsets added to the aggregated margin, length K (zeros when the model has none). */
  readonly baseValues: Float64Array;
  readonly aggregate: AggregateFunction;
  readonly postTransform: PostTransform;
  /** Class labels of a classifier, in output column order. */
  readonly classLabels?: readonly (number | string)[];
  /**
   * A two-class classifier whose leaves carry one weight (xgboost, sklearn GBC): the margin is
   * class 1's score s; onnxruntime expands it to two columns (postTransform.ts has the rules).
   */
  readonly binarySingleScore: boolean;
  /** All class weights ≥ 0 (onnxruntime's `weights_are_all_positive_`). */
  readonly weightsAllNonNegative: boolean;
  /**
   * Where `Tree.cover` comes from: `model` when `nodes_hitrates` look like real training covers
   * (not all 1.0, children add up to their parent), `data` after `coversFromData`, `none` when
   * the model carries no usable covers (skl2onnx writes 1.0; TreeEnsemble-5 has no leaf covers).
   */
  readonly coverSource: 'model' | 'data' | 'none';
  /** Comparison precision onnxruntime uses: float32 inputs are rounded before comparing. */
  readonly inputPrecision: 'float32' | 'float64';
}

/** Which graph output holds what, so callers can read onnxruntime results without guessing. */
export interface TreeEnsembleGraphOutput {
  readonly name: string;
  /**
   * `label`: predicted class (int64 or string); `scores`: the tree operator's score tensor after
   * its post_transform (class probabilities of a classifier, values of a regressor) [N, C];
   * `scoreMap`: the same through ZipMap (a sequence of maps); `classIndex`: ArgMax of scores;
   * `derived`: computed from them by other allowed ops (e.g. Sub/Concat building [1 − p, p]).
   */
  readonly holds: 'label' | 'scores' | 'scoreMap' | 'classIndex' | 'derived';
}

export interface TreeEnsembleModel {
  readonly ensemble: TreeEnsemble;
  /** Graph input feeding the trees (float32/float64 [N, d]). */
  readonly inputName: string;
  readonly outputs: readonly TreeEnsembleGraphOutput[];
  /** True when the `scores` output equals the margin (post_transform NONE, no binary expansion). */
  readonly scoresAreMargin: boolean;
}

export type TreeEnsembleParse =
  | { readonly ok: true; readonly model: TreeEnsembleModel }
  | { readonly ok: false; readonly reason: string };
