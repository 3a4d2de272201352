import type { Finding } from '../../../../server/results/finding';

/** One line per finding, for assertion messages and the report. */
export function summarise(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity.padEnd(7)} ${f.id} ${f.feature ?? (f.features ?? []).join('+')}: ${f.message}`).join('\n');
}

export function atLeastWarning(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}
