/**
 * The analysis sections of a model report, narrowed from the wire's `unknown` to the shapes
 * server/results/report.ts gives them. Each accessor checks the fields it relies on and
 * returns undefined (the view then says "not computed") rather than trusting the wire.
 */
import type { WireModelReport } from '../../protocol/protocol';
import type { CalibrationCurve, GlobalImportance, ShapeCurve, SliceSummary } from '../../server/results/report';

/** The server's own types where the wire shape is the same (type-only: nothing reaches the bundle). */
export type { ShapeCurve };
export type CalibrationBin = CalibrationCurve['bins'][number];

export type Interval = readonly [number, number];

export type Importance = GlobalImportance;

export interface Attribution {
  readonly method: string;
  readonly space?: string;
  readonly global: readonly Importance[];
  readonly methods?: Readonly<Record<string, readonly Importance[]>>;
  readonly beeswarm?: { readonly features: readonly string[]; readonly values: readonly (readonly number[])[]; readonly featureValues: readonly (readonly (number | null)[])[] };
  readonly quality?: Quality;
}

export interface Quality {
  readonly explainedRows?: number;
  readonly background?: string;
  readonly evaluationsPerRow?: number;
  readonly efficiencyMaxAbsError?: number;
  readonly rankStability?: { readonly meanKendall?: number; readonly keepsRank?: readonly number[] };
  readonly agreement?: readonly { readonly methods: readonly string[]; readonly spearman: number; readonly kendall: number }[];
  readonly sanity?: { readonly similarity?: number; readonly pass?: boolean; readonly threshold?: number };
  readonly grade?: string;
  readonly [key: string]: unknown;
}

export interface SlicePredicate {
  readonly feature: string;
  readonly op: string;
  readonly value: unknown;
}

/** The server's slice, its predicates as read from the wire (op and value not narrowed: only printed). */
export interface Slice extends Omit<SliceSummary, 'predicates'> {
  readonly predicates: readonly SlicePredicate[];
}

export interface Interaction {
  readonly features: readonly [string, string];
  readonly h: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const isArr = Array.isArray as (v: unknown) => v is readonly unknown[];

export function attributionOf(m: WireModelReport): Attribution | undefined {
  const a = m.attribution;
  if (!isObj(a) || typeof a.method !== 'string' || !isArr(a.global)) return undefined;
  if (!a.global.every((g) => isObj(g) && typeof g.feature === 'string' && isNum(g.importance))) return undefined;
  return a as unknown as Attribution;
}

export function calibrationOf(m: WireModelReport): Readonly<Record<string, readonly CalibrationBin[]>> {
  const c = m.calibration;
  if (!isObj(c)) return {};
  const out: Record<string, readonly CalibrationBin[]> = {};
  for (const [split, curve] of Object.entries(c)) {
    if (!isObj(curve) || !isArr(curve.bins)) continue;
    out[split] = curve.bins.filter((b): b is CalibrationBin => isObj(b) && isNum(b.meanPredicted) && isNum(b.observed) && isNum(b.count));
  }
  return out;
}

export function shapesOf(m: WireModelReport): readonly ShapeCurve[] {
  const s = m.shapes;
  if (!isArr(s)) return [];
  return s.filter((c): c is ShapeCurve => isObj(c) && typeof c.feature === 'string' && isArr(c.grid) && isArr(c.values) && c.grid.length === c.values.length);
}

export function slicesOf(m: WireModelReport): readonly Slice[] {
  const s = m.slices;
  if (!isArr(s)) return [];
  return s.filter((x): x is Slice => isObj(x) && isArr(x.predicates) && isNum(x.size) && isNum(x.value) && isNum(x.baseline));
}

export function interactionsOf(m: WireModelReport): readonly Interaction[] {
  const s = m.interactions;
  if (!isArr(s)) return [];
  return s.filter((x): x is Interaction => isObj(x) && isArr(x.features) && x.features.length === 2 && isNum(x.h));
}

export function jaggednessOf(m: WireModelReport): Readonly<Record<string, unknown>> | undefined {
  return isObj(m.jaggedness) ? m.jaggedness : undefined;
}

/** "credit_score ≥ 730 AND collections_flag == 1" (the engine's jagged.slice label). */
export function sliceLabel(predicates: readonly SlicePredicate[]): string {
  return predicates
    .map((p) => {
      const v = p.value;
      if (p.op === 'in' && isArr(v) && v.length === 2) return `${String(v[0])} ≤ ${p.feature} < ${String(v[1])}`;
      if (p.op === 'missing') return `${p.feature} is missing`;
      const op = p.op === '>=' ? '≥' : p.op;
      return `${p.feature} ${op} ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join(' AND ');
}

export { isObj, isNum, isArr };
