import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const missingValueCheck: LeakageCheck = {
  id: 'acquire.missing-value',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
