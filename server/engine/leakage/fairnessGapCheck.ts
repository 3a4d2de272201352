import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const fairnessGapCheck: LeakageCheck = {
  id: 'fairness.gap',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
