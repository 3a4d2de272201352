/**
 * Narrowing of the open-ended report sections (`slices`, `attribution`, `savedSlices` are
 * `unknown` on the wire) to the fields the sidebar draws. Malformed entries are dropped,
 * never trusted.
 */
import type { WireModelReport } from '../../protocol/protocol';
import type { GlobalImportance, SliceSummary } from '../../server/results/report';

export interface WirePredicate {
  readonly feature: string;
  readonly op: string;
  readonly value: unknown;
}

/** The server's slice (type-only), its predicates as read from the wire (op and value not narrowed: only printed). */
export interface WireSlice extends Omit<SliceSummary, 'predicates'> {
  /** Index in the report's `slices` (what openReport's `slice` refers to). */
  readonly index: number;
  readonly predicates: readonly WirePredicate[];
}

export type WireImportance = Omit<GlobalImportance, 'rank'>;

export interface WireAttribution {
  readonly method: string;
  readonly space?: string;
  readonly global: readonly WireImportance[];
  readonly methods: Readonly<Record<string, readonly WireImportance[]>>;
}

export interface WireSavedSlice {
  readonly index: number;
  readonly name?: string;
  readonly predicates: readonly WirePredicate[];
  readonly status: string;
  readonly metric: string;
  readonly size: number;
  readonly value?: number;
  readonly maxValue?: number;
  readonly reason?: string;
}

/** q-values below this mark a slice as significant (the engine's default FDR level). */
export const SIGNIFICANT_Q = 0.05;

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number => (typeof x === 'number' ? x : NaN);
const pair = (x: unknown): readonly [number, number] | undefined => (Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number') ? [x[0] as number, x[1] as number] : undefined);

function predicates(x: unknown): WirePredicate[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const out = x.filter((p): p is Rec => isRec(p) && typeof p.feature === 'string' && typeof p.op === 'string').map((p) => ({ feature: p.feature as string, op: p.op as string, value: p.value }));
  return out.length === x.length ? out : undefined;
}

/** The report's slices, ranked by score (best first), each with its index in the report. */
export function slicesOf(report: WireModelReport): WireSlice[] {
  if (!Array.isArray(report.slices)) return [];
  const out: WireSlice[] = [];
  (report.slices as unknown[]).forEach((s, index) => {
    const preds = isRec(s) ? predicates(s.predicates) : undefined;
    if (!isRec(s) || !preds || typeof s.metric !== 'string') return;
    out.push({ index, predicates: preds, size: num(s.size), metric: s.metric, value: num(s.value), baseline: num(s.baseline), lift: num(s.lift), pValue: num(s.pValue), qValue: num(s.qValue), ci: pair(s.ci), score: typeof s.score === 'number' ? s.score : undefined });
  });
  return out.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.index - b.index);
}

function importances(x: unknown): WireImportance[] {
  if (!Array.isArray(x)) return [];
  return x.filter((g): g is Rec => isRec(g) && typeof g.feature === 'string' && typeof g.importance === 'number').map((g) => ({ feature: g.feature as string, importance: g.importance as number, ci: pair(g.ci) }));
}

export function attributionOf(report: WireModelReport): WireAttribution | undefined {
  const a = report.attribution;
  if (!isRec(a) || typeof a.method !== 'string') return undefined;
  const methods: Record<string, WireImportance[]> = {};
  if (isRec(a.methods)) for (const [k, v] of Object.entries(a.methods)) methods[k] = importances(v);
  return { method: a.method, space: typeof a.space === 'string' ? a.space : undefined, global: importances(a.global), methods };
}

export function savedSlicesOf(report: WireModelReport): WireSavedSlice[] {
  if (!Array.isArray(report.savedSlices)) return [];
  return (report.savedSlices as unknown[]).flatMap((s): WireSavedSlice[] => {
    const preds = isRec(s) ? predicates(s.predicates) : undefined;
    if (!isRec(s) || !preds || typeof s.status !== 'string' || typeof s.metric !== 'string') return [];
    return [{ index: num(s.index), name: typeof s.name === 'string' ? s.name : undefined, predicates: preds, status: s.status, metric: s.metric, size: num(s.size), value: typeof s.value === 'number' ? s.value : undefined, maxValue: typeof s.maxValue === 'number' ? s.maxValue : undefined, reason: typeof s.reason === 'string' ? s.reason : undefined }];
  });
}

/** "region == 4", "0.19 ≤ debt < 0.29", "age missing". */
export function predicateLabel(p: WirePredicate): string {
  if (p.op === 'missing') return `${p.feature} missing`;
  if (p.op === 'in' && Array.isArray(p.value) && p.value.length === 2) return `${fmt(p.value[0])} ≤ ${p.feature} < ${fmt(p.value[1])}`;
  if (p.op === '>=') return `${p.feature} ≥ ${fmt(p.value)}`;
  return `${p.feature} ${p.op} ${fmt(p.value)}`;
}

export function sliceLabel(predicates: readonly WirePredicate[]): string {
  return predicates.map(predicateLabel).join(' AND ');
}

/** A number for a sidebar line: 4 significant digits, scientific for tiny p-values. */
export function fmt(x: unknown): string {
  if (typeof x !== 'number') return String(x);
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(4)));
}

/** Error rates as percentages, other metrics as numbers. */
export function metricText(metric: string, x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  return metric === 'error_rate' ? `${(100 * x).toFixed(1)}%` : fmt(x);
}
