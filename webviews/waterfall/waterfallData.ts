/** The steps of an "Explain this row" waterfall: base value → each φ by |φ| → prediction (pure). */
import type { ExplainRowResult } from '../../protocol/protocol';

export interface WaterfallStep {
  readonly kind: 'base' | 'feature' | 'rest' | 'prediction';
  readonly label: string;
  /** The row's value of the feature (features only). */
  readonly value?: number | string | null;
  /** φ (features), the summed φ of the rest, or the base value / prediction. */
  readonly amount: number;
  /** Bar from `start` to `end` on the output axis. */
  readonly start: number;
  readonly end: number;
}

/** More features than this: the smallest |φ| are summed into one "other features" step. */
export const MAX_FEATURE_STEPS = 12;

export function waterfallSteps(r: ExplainRowResult, maxFeatures = MAX_FEATURE_STEPS): WaterfallStep[] {
  const order = r.features.map((f, i) => ({ f, i, phi: r.attributions[i] ?? 0 })).sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi) || a.i - b.i);
  const shown = order.length > maxFeatures ? order.slice(0, maxFeatures - 1) : order;
  const rest = order.slice(shown.length);
  const steps: WaterfallStep[] = [{ kind: 'base', label: 'base value', amount: r.baseValue, start: 0, end: r.baseValue }];
  let at = r.baseValue;
  for (const s of shown) {
    steps.push({ kind: 'feature', label: s.f, value: r.featureValues[s.i] ?? null, amount: s.phi, start: at, end: at + s.phi });
    at += s.phi;
  }
  if (rest.length) {
    const sum = rest.reduce((n, s) => n + s.phi, 0);
    steps.push({ kind: 'rest', label: `${rest.length} other features`, amount: sum, start: at, end: at + sum });
    at += sum;
  }
  steps.push({ kind: 'prediction', label: 'prediction', amount: r.prediction, start: 0, end: r.prediction });
  return steps;
}

/** "credit_score = 779" for a feature step; the plain label otherwise. */
export function stepLabel(s: WaterfallStep): string {
  if (s.kind !== 'feature') return s.label;
  const v = s.value === null || s.value === undefined ? 'missing' : typeof s.value === 'number' ? String(Number(s.value.toPrecision(6))) : s.value;
  return `${s.label} = ${v}`;
}
