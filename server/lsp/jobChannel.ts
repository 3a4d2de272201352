import { channel } from 'node:diagnostics_channel';

/**
 * Lifecycle of analysis workers on a diagnostics channel (node:diagnostics_channel): free
 * when nobody subscribes. The opt-in probe (probe.ts, MODELDIAG_PROBE=1) subscribes to
 * count runs and to time cancellations: `gone` carries the milliseconds from cancel() to
 * the worker thread's exit.
 */
export type JobEvent = { readonly event: 'started' } | { readonly event: 'gone'; readonly cancelled: boolean; readonly ms: number };

export const jobChannel = channel('modeldiag:worker-job');

export function publishJob(e: JobEvent): void {
  if (jobChannel.hasSubscribers) jobChannel.publish(e);
}
