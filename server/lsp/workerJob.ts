import { totalmem } from 'node:os';
import type { ModelSummary } from '../results/report';
import type { WorkerJob, WorkerMessage } from '../worker/workerMessages';
import { closeGate } from '../worker/nativeGate';
import { takeWorker } from './warmWorkers';
import { publishJob } from './jobChannel';

export type JobEnd = 'done' | 'cancelled' | 'crashed';

export interface WorkerJobHandle {
  /** Settles when the worker posts its last message, is cancelled or dies. */
  readonly ended: Promise<{ readonly end: JobEnd; readonly detail?: string }>;
  /** Terminates the worker (idempotent). */
  cancel(): void;
}

/**
 * Runs one job in an analysis worker of its own (dist/analysisWorker.js): the booted spare
 * if there is one (warmWorkers.ts), else a fresh one. Every message goes to `onMessage`; the
 * worker is terminated after its final message (`done`, `failed`, `summary`) or when
 * cancelled, so no ORT session outlives its job — never while an ORT call is in flight
 * (worker/nativeGate.ts).
 */
export function startWorkerJob(workerPath: string, job: WorkerJob, onMessage: (m: WorkerMessage) => void): WorkerJobHandle {
  const limits = workerLimits();
  const { worker, gate } = takeWorker(workerPath, job, limits.memoryMb);
  publishJob({ event: 'started' });
  let settled = false;
  let finish!: (r: { end: JobEnd; detail?: string }) => void;
  const ended = new Promise<{ end: JobEnd; detail?: string }>((resolve) => (finish = resolve));
  // Watchdog: a worker that posts nothing (not even progress) for idleMs is taken for hung.
  let watchdog: NodeJS.Timeout | undefined;
  const rearm = (): void => {
    clearTimeout(watchdog);
    watchdog = setTimeout(
      () => end('crashed', `the analysis worker sent nothing for ${Math.round(limits.idleMs / 1000)} s and was stopped (hung?); for very large models raise MODEL_DIAGNOSTICS_WORKER_TIMEOUT_MS`),
      limits.idleMs,
    );
    watchdog.unref();
  };
  rearm();
  const end = (end: JobEnd, detail?: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(watchdog);
    finish({ end, detail });
    const t0 = performance.now();
    // Terminating during an ORT call aborts the process: wait until none is in flight.
    void closeGate(gate)
      .then(() => worker.terminate())
      .then(() => publishJob({ event: 'gone', cancelled: end === 'cancelled', ms: performance.now() - t0 }));
  };
  worker.on('message', (m: WorkerMessage) => {
    if (settled) return;
    rearm();
    onMessage(m);
    if (m.type === 'done' || m.type === 'failed' || m.type === 'summary') end('done');
  });
  worker.on('error', (e: Error) =>
    end(
      'crashed',
      (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `the analysis worker ran out of memory (limit ${limits.memoryMb} MB): lower analysis.maxRows, or raise MODEL_DIAGNOSTICS_WORKER_MEMORY_MB`
        : (e.stack ?? e.message),
    ),
  );
  worker.on('exit', (code) => end('crashed', `the analysis worker exited with code ${code} before finishing`));
  return { ended, cancel: () => end('cancelled') };
}

/** Decodes one .onnx file's structure in a worker (protobuf decoding of a large model is CPU work too). */
export async function runSummaryJob(workerPath: string, path: string): Promise<{ summary?: ModelSummary; error?: string }> {
  let answer: { summary?: ModelSummary; error?: string } = {};
  const job = startWorkerJob(workerPath, { type: 'summary', path }, (m) => {
    if (m.type === 'summary') answer = { summary: m.summary, error: m.error };
    else if (m.type === 'failed') answer = { error: m.message };
  });
  const { end, detail } = await job.ended;
  return end === 'done' ? answer : { error: detail ?? 'cancelled' };
}

/** Default watchdog: 10 minutes without any message from the worker. */
const DEFAULT_IDLE_MS = 10 * 60_000;

/**
 * Limits of one analysis worker: its JS heap (resourceLimits; onnxruntime's native memory is not
 * counted) and the watchdog's idle time. Environment: MODEL_DIAGNOSTICS_WORKER_MEMORY_MB,
 * MODEL_DIAGNOSTICS_WORKER_TIMEOUT_MS (tests set them small).
 */
export function workerLimits(): { readonly memoryMb: number; readonly idleMs: number } {
  const positive = (raw: string | undefined, fallback: number): number => {
    const v = Number(raw);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  // Half the machine, at least 1 GiB and at most 16 GiB of JS heap per worker.
  const memoryDefault = Math.min(16_384, Math.max(1024, Math.floor(totalmem() / 2 ** 21)));
  return {
    memoryMb: Math.floor(positive(process.env.MODEL_DIAGNOSTICS_WORKER_MEMORY_MB, memoryDefault)),
    idleMs: positive(process.env.MODEL_DIAGNOSTICS_WORKER_TIMEOUT_MS, DEFAULT_IDLE_MS),
  };
}
