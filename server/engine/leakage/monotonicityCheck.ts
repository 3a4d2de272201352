import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const monotonicityCheck: LeakageCheck = {
  id: 'goodhart.monotonicity',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
