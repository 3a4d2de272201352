import type { Finding } from '../../results/finding';
import type { LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';

export const counterintuitiveCheck: LeakageCheck = {
  id: 'goodhart.counterintuitive',
  async run(_ctx: LeakageContext): Promise<Finding[]> {
    return [];
  },
};
