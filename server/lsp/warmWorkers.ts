import { Worker } from 'node:worker_threads';
import { createGateCell } from '../worker/nativeGate';
import type { JobMessage, WorkerJob } from '../worker/workerMessages';

/**
 * One booted, idle analysis worker kept ready per worker script. Booting a worker (a thread,
 * V8 isolate, the 800 kB bundle and onnxruntime's native module) takes 150–300 ms on a
 * 2-core laptop; without a spare that delay sits between every edit's debounce and its
 * first diagnostic. A job takes the spare (the job is posted to it) and a new spare boots
 * behind it, so each run still costs one boot, just not on the path to the diagnostics.
 * An idle spare holds no model, data or ORT session; it is unref'd, so it never keeps the
 * server alive, and a spare that dies while idle is simply dropped.
 */
interface Booted {
  readonly worker: Worker;
  readonly gate: Int32Array;
}

interface Spare extends Booted {
  readonly memoryMb: number;
  /** The worker's copy of our settings from the environment, taken when it booted. */
  readonly env: string;
  alive: boolean;
  readonly onDeath: () => void;
}

const spares = new Map<string, Spare>();

function boot(workerPath: string, memoryMb: number, job?: WorkerJob): Booted {
  const gate = createGateCell();
  const worker = new Worker(workerPath, { workerData: { job, nativeGate: gate }, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  return { worker, gate };
}

function bootSpare(workerPath: string, memoryMb: number): void {
  if (spares.has(workerPath)) return;
  const { worker, gate } = boot(workerPath, memoryMb);
  const spare: Spare = {
    worker,
    gate,
    memoryMb,
    env: settingsEnv(),
    alive: true,
    onDeath: () => {
      spare.alive = false;
      if (spares.get(workerPath) === spare) spares.delete(workerPath);
    },
  };
  worker.once('error', spare.onDeath);
  worker.once('exit', spare.onDeath);
  worker.unref();
  spares.set(workerPath, spare);
}

/**
 * Our environment settings (file-size limit, worker limits, probes): a worker copies
 * process.env when it boots, so a spare from before a change would miss it.
 */
function settingsEnv(): string {
  return Object.entries(process.env)
    .filter(([k]) => /^MODEL(_DIAGNOSTICS|DIAG)_/.test(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v ?? ''}`)
    .join('\0');
}

/** A worker running `job`: the spare when one is booted with the same limits and settings, else a fresh one; a new spare boots behind it. */
export function takeWorker(workerPath: string, job: WorkerJob, memoryMb: number): Booted {
  const spare = spares.get(workerPath);
  spares.delete(workerPath);
  let taken: Booted;
  if (spare?.alive && spare.memoryMb === memoryMb && spare.env === settingsEnv()) {
    spare.worker.off('error', spare.onDeath);
    spare.worker.off('exit', spare.onDeath);
    spare.worker.ref();
    spare.worker.postMessage({ type: 'job', job } satisfies JobMessage);
    taken = spare;
  } else {
    if (spare) void spare.worker.terminate();
    taken = boot(workerPath, memoryMb, job);
  }
  // After the job's own start, so the spare's boot does not delay it.
  setImmediate(() => bootSpare(workerPath, memoryMb));
  return taken;
}

/** Terminates the spares (server shutdown). */
export async function disposeSpareWorkers(): Promise<void> {
  const all = [...spares.values()];
  spares.clear();
  await Promise.all(all.map((s) => s.worker.terminate()));
}
