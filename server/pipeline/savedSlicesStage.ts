/**
 * Saved slices (modeldiag.json `slices` of a model entry) re-evaluated on every analysis:
 * each one's metric on the test split (else train), and a `jagged.slice` warning at the
 * exact JSON range of the saved entry when it regressed (value above `maxValue`) or no
 * longer matches any row, or when it cannot be evaluated.
 */
import { relative } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { evaluateSavedSlice, type SavedSliceEvaluation } from '../engine/slices/savedSlices';
import { computeRowOutcomes } from '../engine/slices/rowOutcomes';
import type { Finding, FindingLocation } from '../results/finding';
import type { SavedSliceResult } from '../results/report';
import type { ModelContext } from './loadModelContext';
import { offsetToPosition } from './textPosition';
import { readConfigText } from '../discovery/readConfigText';

export interface SavedSlicesStageResult {
  readonly savedSlices: SavedSliceResult[];
  readonly findings: Finding[];
}

/**
 * @param root the analysed folder (finding locations are relative to it)
 * @param configText the config's text as discovery read it; default: the file on disk
 */
export async function savedSlicesStage(root: string, ctx: ModelContext, predictions: Float64Array, seed: number, configText?: string): Promise<SavedSlicesStageResult> {
  const specs = ctx.resolved.savedSlices;
  const split = ctx.test ?? ctx.train;
  if (!specs.length || !split) return { savedSlices: [], findings: [] };
  const outcomes = computeRowOutcomes(ctx.task, split.labels, predictions, ctx.evaluator.outputWidth);
  const locate = await locator(root, ctx, configText);
  const savedSlices: SavedSliceResult[] = [];
  const findings: Finding[] = [];
  specs.forEach((spec, index) => {
    const e = evaluateSavedSlice(split.data, outcomes, spec, { seed });
    const label = spec.name ?? describe(spec.predicates);
    savedSlices.push({ index, ...(spec.name ? { name: spec.name } : {}), predicates: spec.predicates, split: split.name, ...e, value: Number.isNaN(e.value) ? undefined : e.value });
    const message = regressionMessage(label, e, split.name);
    if (!message) return;
    findings.push({
      id: 'jagged.slice',
      severity: 'warning',
      message,
      evidence: { savedSlice: index, name: spec.name, status: e.status, metric: e.metric, value: e.value, maxValue: e.maxValue, size: e.size, baseline: e.baseline, ci: e.ci, split: split.name },
      location: locate(index),
    });
  });
  return { savedSlices, findings };
}

function regressionMessage(label: string, e: SavedSliceEvaluation, split: string): string | undefined {
  const pct = (x: number) => (e.metric === 'error_rate' ? `${(100 * x).toFixed(1)}%` : x.toPrecision(3));
  switch (e.status) {
    case 'ok':
      return undefined;
    case 'regressed':
      return `saved slice "${label}" regressed: ${e.metric} ${pct(e.value)} on ${e.size} ${split} rows, above its maximum ${pct(e.maxValue!)} (overall ${pct(e.baseline)})`;
    case 'empty':
      return `saved slice "${label}" matches no ${split} row any more: the data or its categories changed; update or remove the slice`;
    case 'invalid':
      return `saved slice "${label}" cannot be evaluated: ${e.reason}`;
  }
}

function describe(predicates: SavedSliceResult['predicates']): string {
  return predicates.map((p) => (p.op === 'missing' ? `${p.feature} missing` : `${p.feature} ${p.op} ${JSON.stringify(p.value)}`)).join(' AND ');
}

/** Location of the k-th saved slice of the model's config entry (1-based, relative to root); the model file when there is no config entry. */
async function locator(root: string, ctx: ModelContext, configText: string | undefined): Promise<(k: number) => FindingLocation> {
  const origin = ctx.resolved.origin;
  const modelFile = { file: relative(root, ctx.resolved.modelPath) || ctx.resolved.modelPath };
  if (origin.kind !== 'config') return () => modelFile;
  const read = configText === undefined ? await readConfigText(origin.file).catch(() => undefined) : { text: configText };
  const text = read && 'text' in read ? read.text : undefined;
  const tree = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true });
  const file = relative(root, origin.file) || origin.file;
  return (k) => {
    const node = tree && (findNodeAtLocation(tree, ['models', origin.index, 'slices', k]) ?? findNodeAtLocation(tree, ['models', origin.index]));
    if (!node || text === undefined) return { file };
    const start = offsetToPosition(text, node.offset);
    const end = offsetToPosition(text, node.offset + node.length);
    return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
}
