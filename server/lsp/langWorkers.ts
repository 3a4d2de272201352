import { Worker } from 'node:worker_threads';
import type { LangRequest, LangRequests, LangRequestType, LangResponse, LangWorkerData } from '../worker/langMessages';
import { closeGate, createGateCell } from '../worker/nativeGate';

interface Running {
  readonly worker: Worker;
  /** Shared with the worker: counts its ORT calls in flight (worker/nativeGate.ts). */
  readonly gate: Int32Array;
  readonly pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

/**
 * One long-lived language worker per folder (dist/langWorker.js): it keeps the folder's data
 * and models loaded between requests. `reset` replaces it (its answers were about data
 * that changed); pending requests of a replaced or crashed worker fail.
 */
export class LangWorkers {
  private readonly running = new Map<string, Running>();
  private nextId = 1;

  constructor(private readonly workerPath: string) {}

  request<K extends LangRequestType>(folder: string, type: K, params: LangRequests[K]['params']): Promise<LangRequests[K]['result']> {
    const r = this.worker(folder);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      r.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      r.worker.postMessage({ id, type, params } satisfies LangRequest<K>);
    });
  }

  reset(folder: string): void {
    const r = this.running.get(folder);
    if (!r) return;
    this.running.delete(folder);
    this.fail(r, 'the folder changed; ask again');
    // Terminating during an ORT call (a row explanation) aborts the server: wait for it.
    void closeGate(r.gate).then(() => r.worker.terminate());
  }

  dispose(): void {
    for (const folder of [...this.running.keys()]) this.reset(folder);
  }

  private worker(folder: string): Running {
    let r = this.running.get(folder);
    if (r) return r;
    const gate = createGateCell();
    const worker = new Worker(this.workerPath, { workerData: { folder, nativeGate: gate } satisfies LangWorkerData & { nativeGate: Int32Array } });
    worker.unref();
    const running: Running = { worker, gate, pending: new Map() };
    r = running;
    worker.on('message', (m: LangResponse) => {
      const p = running.pending.get(m.id);
      if (!p) return;
      running.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    const died = (why: string): void => {
      if (this.running.get(folder) === running) this.running.delete(folder);
      this.fail(running, why);
    };
    worker.on('error', (e: Error) => died(`the language worker failed: ${e.message}`));
    worker.on('exit', (code) => died(`the language worker exited (code ${code})`));
    this.running.set(folder, running);
    return running;
  }

  private fail(r: Running, why: string): void {
    for (const p of r.pending.values()) p.reject(new Error(why));
    r.pending.clear();
  }
}
