import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Connection } from 'vscode-languageserver/node';
import { jobChannel, type JobEvent } from './jobChannel';

/** Custom request of the opt-in probe (not part of protocol.ts: benchmarks only). */
export const PROBE_METHOD = 'modelDiagnostics/_probe';

/** Event-loop delay of the server thread in ms, and the analysis workers it ran. */
export interface ProbeResult {
  readonly lag: { readonly p50: number; readonly p99: number; readonly max: number; readonly mean: number; readonly samples: number };
  /** Workers started, workers whose thread has exited (finished or cancelled), cancellations and their cancel→exit times. */
  readonly jobs: { readonly started: number; readonly gone: number; readonly cancelled: number; readonly goneMs: readonly number[] };
}

/** Histogram resolution: the delay is sampled every this many ms. */
const RESOLUTION_MS = 10;

/**
 * Installed when MODELDIAG_PROBE=1: samples the server thread's event-loop delay
 * (perf_hooks.monitorEventLoopDelay) and counts worker jobs. `modelDiagnostics/_probe`
 * with `{reset: true}` answers the figures since the last reset and starts again.
 */
export function installProbe(connection: Connection): void {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let jobs = { started: 0, gone: 0, cancelled: 0, goneMs: [] as number[] };
  jobChannel.subscribe((message) => {
    const e = message as JobEvent;
    if (e.event === 'started') {
      jobs.started++;
      return;
    }
    jobs.gone++;
    if (e.cancelled) {
      jobs.cancelled++;
      jobs.goneMs.push(e.ms);
    }
  });
  const ms = (ns: number): number => Math.round((ns / 1e6) * 100) / 100;
  connection.onRequest(PROBE_METHOD, (params: { reset?: boolean } | undefined): ProbeResult => {
    const result: ProbeResult = {
      lag: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), samples: histogram.count },
      jobs,
    };
    if (params?.reset) {
      histogram.reset();
      jobs = { started: 0, gone: 0, cancelled: 0, goneMs: [] };
    }
    return result;
  });
}
