import type { FindingId } from './findingIds';

export type Severity = 'error' | 'warning' | 'info';

/** Numbers behind a finding's message; keys are snake_case or camelCase scalars, arrays or small objects. */
export type Evidence = Readonly<Record<string, unknown>>;

export interface SlicePredicate {
  readonly feature: string;
  /** '==' for a categorical value or a bin; 'in' for a range [lo, hi). */
  readonly op: '==' | 'in' | '<' | '>=' | 'missing';
  readonly value: string | number | readonly [number, number] | null;
}

/** A finding as in DESIGN.md: `{id, severity, feature?, features?, message, evidence}`. */
export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly feature?: string;
  readonly features?: readonly string[];
  readonly message: string;
  readonly evidence: Evidence;
  /** For jagged.slice findings. */
  readonly predicates?: readonly SlicePredicate[];
  /** Where the problem is, for input problems (config ranges, data file positions); 1-based. */
  readonly location?: FindingLocation;
  /** Set when the finding is suppressed by `ignore` in the config (kept for reports, not failing CI). */
  readonly ignored?: { readonly reason: string };
}

export interface FindingLocation {
  /** Path relative to the analysed folder (or absolute when outside it). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export const severityRank: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };
