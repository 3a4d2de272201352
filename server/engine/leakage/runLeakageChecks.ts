import type { Finding } from '../../results/finding';
import type { FindingId } from '../../results/findingIds';
import { severityRank } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { targetLeakCheck } from './targetLeakCheck';
import { identifierCheck } from './identifierCheck';
import { duplicateRowsCheck } from './duplicateRowsCheck';
import { temporalCheck } from './temporalCheck';
import { proxyCheck } from './proxyCheck';
import { thresholdCheck } from './thresholdCheck';
import { counterintuitiveCheck } from './counterintuitiveCheck';
import { monotonicityCheck } from './monotonicityCheck';
import { fairnessGapCheck } from './fairnessGapCheck';
import { featureDriftCheck } from './featureDriftCheck';
import { missingValueCheck } from './missingValueCheck';

export const LEAKAGE_CHECKS: readonly LeakageCheck[] = [
  targetLeakCheck,
  identifierCheck,
  duplicateRowsCheck,
  temporalCheck,
  proxyCheck,
  thresholdCheck,
  counterintuitiveCheck,
  monotonicityCheck,
  fairnessGapCheck,
  featureDriftCheck,
  missingValueCheck,
];

export type LeakageFindingId = (typeof LEAKAGE_CHECKS)[number]['id'];

/**
 * Runs the selected checks (all when `only` is omitted) and returns their findings, most
 * severe first — the shape of tailwind-intellisense's doValidate(state, document, only).
 * Checks run one after another: they share the model through ctx.evaluate, and the
 * evaluator already batches.
 */
export async function runLeakageChecks(ctx: LeakageContext, only?: readonly FindingId[]): Promise<Finding[]> {
  const selected = only ? LEAKAGE_CHECKS.filter((c) => only.includes(c.id)) : LEAKAGE_CHECKS;
  const findings: Finding[] = [];
  for (const check of selected) findings.push(...(await check.run(ctx)));
  return findings.sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
}
