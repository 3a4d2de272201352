import type { IgnoreRule } from '../discovery/configFile';
import type { Finding } from '../results/finding';

/** Marks findings accepted in the config (`ignore` with a reason); they stay in reports but never fail CI. */
export function applyIgnores(findings: readonly Finding[], rules: readonly IgnoreRule[]): Finding[] {
  return findings.map((f) => {
    const rule = rules.find((r) => r.id === f.id && (!r.feature || r.feature === f.feature || (f.features ?? []).includes(r.feature)));
    return rule ? { ...f, ignored: { reason: rule.reason } } : f;
  });
}
