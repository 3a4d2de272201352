import type { Finding } from '../../results/finding';
import type { FindingId } from '../../results/findingIds';
import type { LeakageContext } from './leakageContext';

/** One check = one finding id = one file (tailwind-intellisense's one-file-per-diagnostic-kind). */
export interface LeakageCheck {
  readonly id: FindingId;
  run(ctx: LeakageContext): Promise<Finding[]>;
}

/** Rounds evidence numbers so reports and JSON stay readable and stable across platforms. */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
