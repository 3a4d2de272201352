import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const temporalCheck: LeakageCheck = {
  id: 'leak.temporal',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
