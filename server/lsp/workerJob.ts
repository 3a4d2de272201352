import { Worker } from 'node:worker_threads';
import type { ModelSummary } from '../results/report';
import type { WorkerJob, WorkerMessage } from '../worker/workerMessages';
import { closeGate, createGateCell } from '../worker/nativeGate';
import { publishJob } from './jobChannel';

export type JobEnd = 'done' | 'cancelled' | 'crashed';

export interface WorkerJobHandle {
  /** Settles when the worker posts its last message, is cancelled or dies. */
  readonly ended: Promise<{ readonly end: JobEnd; readonly detail?: string }>;
  /** Terminates the worker (idempotent). */
  cancel(): void;
}

/**
 * Runs one job in a fresh analysis worker (dist/analysisWorker.js). Every message goes to
 * `onMessage`; the worker is terminated after its final message (`done`, `failed`,
 * `summary`) or when cancelled, so no ORT session outlives its job — never while an ORT
 * call is in flight (worker/nativeGate.ts).
 */
export function startWorkerJob(workerPath: string, job: WorkerJob, onMessage: (m: WorkerMessage) => void): WorkerJobHandle {
  const gate = createGateCell();
  const worker = new Worker(workerPath, { workerData: { ...job, nativeGate: gate } });
  publishJob({ event: 'started' });
  let settled = false;
  let finish!: (r: { end: JobEnd; detail?: string }) => void;
  const ended = new Promise<{ end: JobEnd; detail?: string }>((resolve) => (finish = resolve));
  const end = (end: JobEnd, detail?: string): void => {
    if (settled) return;
    settled = true;
    finish({ end, detail });
    const t0 = performance.now();
    // Terminating during an ORT call aborts the process: wait until none is in flight.
    void closeGate(gate)
      .then(() => worker.terminate())
      .then(() => publishJob({ event: 'gone', cancelled: end === 'cancelled', ms: performance.now() - t0 }));
  };
  worker.on('message', (m: WorkerMessage) => {
    if (settled) return;
    onMessage(m);
    if (m.type === 'done' || m.type === 'failed' || m.type === 'summary') end('done');
  });
  worker.on('error', (e: Error) => end('crashed', e.stack ?? e.message));
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
