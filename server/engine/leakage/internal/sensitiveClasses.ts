/**
 * A sensitive attribute as class indices 0..C-1 (NaN = missing): its own values when it
 * has few levels (sex, race codes, flags), otherwise split at the median (age, income),
 * because proxy and fairness questions are asked about groups.
 */
export const MAX_SENSITIVE_LEVELS = 10;

export interface SensitiveClasses {
  readonly labels: Float64Array;
  /** Readable group names, index = class. */
  readonly groups: readonly string[];
}

export function sensitiveClasses(values: Float64Array, dictionary?: readonly string[]): SensitiveClasses {
  const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const labels = new Float64Array(values.length);
  if (distinct.length <= MAX_SENSITIVE_LEVELS) {
    const index = new Map(distinct.map((v, i) => [v, i] as const));
    for (let i = 0; i < values.length; i++) labels[i] = Number.isNaN(values[i]) ? NaN : (index.get(values[i]) ?? NaN);
    return { labels, groups: distinct.map((v) => (dictionary ? (dictionary[v] ?? String(v)) : String(v))) };
  }
  const sorted = Float64Array.from(distinct.length ? Array.from(values).filter((v) => !Number.isNaN(v)) : []).sort();
  const median = sorted[Math.floor(sorted.length / 2)];
  for (let i = 0; i < values.length; i++) labels[i] = Number.isNaN(values[i]) ? NaN : values[i] >= median ? 1 : 0;
  return { labels, groups: [`< ${median}`, `>= ${median}`] };
}
