/**
 * Finding ids: the public contract of DESIGN.md (also SARIF ruleIds). Each id has one
 * documentation anchor in README.md; `findingDocs` gives the short description and what to do.
 */
export const FINDING_IDS = [
  'leak.target',
  'leak.proxy',
  'leak.duplicate-rows',
  'leak.identifier',
  'leak.temporal',
  'goodhart.threshold',
  'goodhart.counterintuitive',
  'goodhart.monotonicity',
  'jagged.slice',
  'fairness.gap',
  'drift.feature',
  'acquire.missing-value',
  'explain.unstable',
  'explain.sanity',
  'config.invalid',
  'config.unknown-column',
  'config.missing-file',
  'config.task',
  'model.load',
  'model.features',
  'model.output',
  'data.load',
  'data.target',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export interface FindingDoc {
  readonly title: string;
  /** What the user should do about it. */
  readonly action: string;
}

export const findingDocs: Readonly<Record<FindingId, FindingDoc>> = {
  'leak.target': {
    title: 'Feature predicts the label too well (target leakage)',
    action: 'Check whether the column is recorded after the outcome; drop it or rebuild it from data available at prediction time.',
  },
  'leak.proxy': {
    title: 'Feature is a proxy for a sensitive attribute',
    action: 'Dropping the sensitive column did not remove its influence; review the proxy, measure fairness with and without it, or export an invariant model.',
  },
  'leak.duplicate-rows': {
    title: 'Rows shared between train and test, or identical inputs with conflicting labels',
    action: 'De-duplicate before splitting (group-aware split) and re-measure the test metrics.',
  },
  'leak.identifier': {
    title: 'Identifier-like column used by the model',
    action: 'Remove ID/index columns from the inputs; if they encode time, model time explicitly and split by time.',
  },
  'leak.temporal': {
    title: 'Temporal leakage between train and test',
    action: 'Split by time (train strictly before test) and drop features that encode the split.',
  },
  'goodhart.threshold': {
    title: 'Risk drops just past a round-number threshold (treatment-confounded effect)',
    action: 'A treatment probably starts at this threshold and is not recorded; add the treatment as a feature or do not use the model to decide that treatment.',
  },
  'goodhart.counterintuitive': {
    title: 'Effect in the opposite direction of the declared expectation',
    action: 'Check for confounding (e.g. the risk factor triggers care that lowers risk); constrain the model or add the missing variable.',
  },
  'goodhart.monotonicity': {
    title: 'Shape curve violates a declared monotone expectation',
    action: 'Constrain the model to be monotone in this feature, or revise the expectation in modeldiag.json.',
  },
  'jagged.slice': {
    title: 'Subgroup where the model performs significantly worse',
    action: 'Collect more data for this slice, check its labels, or add features that separate it; save it as a regression test.',
  },
  'fairness.gap': {
    title: 'Disparity in outcomes or errors between sensitive groups',
    action: 'Review the gap with domain experts; consider reweighting, threshold adjustment, or an invariant model.',
  },
  'drift.feature': {
    title: 'Feature distribution differs between train and test',
    action: 'Check the data pipeline and the split; retrain on recent data or monitor this feature.',
  },
  'acquire.missing-value': {
    title: 'Often-missing measurement that lowers error when present',
    action: 'Acquiring this measurement for more rows is likely to improve predictions.',
  },
  'explain.unstable': {
    title: 'Attribution is not stable or not complete',
    action: 'Increase the budget or background size, or use an exact method; do not act on ranks inside the interval.',
  },
  'explain.sanity': {
    title: 'Attribution fails the model-randomisation sanity check',
    action: 'The explanation does not depend on what the model learned; do not trust it.',
  },
  'config.invalid': { title: 'Invalid configuration', action: 'Fix the value at the marked range (see the schema).' },
  'config.unknown-column': { title: 'Configuration names a column the data does not have', action: 'Correct the column name or the data file.' },
  'config.missing-file': { title: 'Configuration names a file that does not exist', action: 'Correct the path (relative to modeldiag.json).' },
  'config.task': { title: 'Task does not match the model or the target', action: 'Set `task` to classification or regression as the model outputs.' },
  'model.load': { title: 'Model cannot be loaded', action: 'Re-export the ONNX file; check that it is complete and uses supported operators.' },
  'model.features': { title: 'Model feature order is unknown or does not match the data', action: 'List `features` in modeldiag.json in the model input order.' },
  'model.output': { title: 'Model outputs cannot be interpreted', action: 'Set `task` and `positiveClass`, or export the model with a probabilities output.' },
  'data.load': { title: 'Data file cannot be read', action: 'Fix the file at the reported line and column.' },
  'data.target': { title: 'Target column is missing or unusable', action: 'Set `target` in modeldiag.json to the label column.' },
};
