/** Findings grouped for the Leakage & fairness section, and fairness group tables (pure). */
import type { WireFinding, WireSeverity } from '../../../protocol/protocol';
import { isArr, isNum, isObj } from '../../shared/reportModel';

const RANK: Readonly<Record<WireSeverity, number>> = { error: 2, warning: 1, info: 0 };

export interface FindingGroup {
  readonly id: string;
  readonly worst: WireSeverity;
  readonly findings: readonly WireFinding[];
}

/** Findings by id, the group with the most severe finding first; `except` ids are left out (shown elsewhere). */
export function groupFindings(findings: readonly WireFinding[], except: readonly string[] = []): FindingGroup[] {
  const groups = new Map<string, WireFinding[]>();
  for (const f of findings) {
    if (except.includes(f.id)) continue;
    const g = groups.get(f.id) ?? [];
    g.push(f);
    groups.set(f.id, g);
  }
  return [...groups.entries()]
    .map(([id, list]) => {
      const sorted = [...list].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
      return { id, worst: sorted[0].severity, findings: sorted };
    })
    .sort((a, b) => RANK[b.worst] - RANK[a.worst] || a.id.localeCompare(b.id));
}

export type EvidenceValue = number | string | boolean | readonly number[];

/** The scalar numbers (and short number lists) behind a finding, in the engine's order. */
export function evidenceEntries(evidence: Readonly<Record<string, unknown>>): [string, EvidenceValue][] {
  const out: [string, EvidenceValue][] = [];
  for (const [k, v] of Object.entries(evidence)) {
    if (isNum(v) || typeof v === 'string' || typeof v === 'boolean') out.push([k, v]);
    else if (isArr(v) && v.length > 0 && v.length <= 4 && v.every(isNum)) out.push([k, v as readonly number[]]);
  }
  return out;
}

export interface RateCell {
  readonly value: number;
  readonly ci?: readonly [number, number];
}

export interface FairnessGroupRow {
  readonly group: string;
  readonly n: number;
  readonly selectionRate?: RateCell;
  readonly tpr?: RateCell;
  readonly fpr?: RateCell;
  readonly calibrationGap?: number;
  readonly meanPrediction?: number;
  readonly meanOutcome?: number;
}

export interface FairnessGap {
  readonly group: string;
  readonly metric: string;
  readonly gap: number;
  readonly z?: number;
  readonly q?: number;
  readonly n?: number;
}

export interface FairnessTable {
  readonly grouping: string;
  readonly severity: WireSeverity;
  readonly rows: readonly FairnessGroupRow[];
  /** The significant gaps (group vs the rest), largest first. */
  readonly gaps: readonly FairnessGap[];
}

/** Per-group metrics from the evidence of fairness.gap findings (those with `groups`). */
export function fairnessTables(findings: readonly WireFinding[]): FairnessTable[] {
  const rate = (v: unknown): RateCell | undefined => (isObj(v) && isNum(v.value) ? { value: v.value, ...(isArr(v.ci) && v.ci.length === 2 && v.ci.every(isNum) ? { ci: [v.ci[0] as number, v.ci[1] as number] as const } : {}) } : undefined);
  const num = (v: unknown): number | undefined => (isNum(v) ? v : undefined);
  return findings
    .filter((f) => f.id === 'fairness.gap' && isArr(f.evidence.groups))
    .map((f) => ({
      grouping: typeof f.evidence.grouping === 'string' ? f.evidence.grouping : (f.features ?? []).join(' × '),
      severity: f.severity,
      rows: (f.evidence.groups as readonly unknown[]).filter(isObj).map((g) => ({
        group: String(g.group),
        n: num(g.n) ?? 0,
        selectionRate: rate(g.selection_rate),
        tpr: rate(g.tpr),
        fpr: rate(g.fpr),
        calibrationGap: num(g.calibration_gap),
        meanPrediction: num(g.mean_prediction),
        meanOutcome: num(g.mean_outcome),
      })),
      gaps: (isArr(f.evidence.gaps) ? f.evidence.gaps : []).filter(isObj).filter((g) => isNum(g.gap)).map((g) => ({ group: String(g.group), metric: String(g.metric), gap: g.gap as number, z: num(g.z), q: num(g.q), n: num(g.n) })),
    }));
}
