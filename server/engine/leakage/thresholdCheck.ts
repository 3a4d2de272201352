import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const thresholdCheck: LeakageCheck = {
  id: 'goodhart.threshold',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
