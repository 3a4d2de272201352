/**
 * Terminating a worker thread while an onnxruntime-node call is in flight aborts the whole
 * process ("terminate called after throwing an instance of 'Napi::Error'": the native
 * completion runs into a torn-down environment). The language server would die on every
 * edit that cancels a run during inference. So cancellation goes through one shared
 * Int32 cell: the low bits count native calls in flight in the worker, CANCEL_BIT asks the
 * worker to stop. The server sets the bit and terminates only when no call is in flight;
 * the worker refuses to start a native call once the bit is set.
 */
export const CANCEL_BIT = 1 << 30;
const COUNT_MASK = CANCEL_BIT - 1;

export function createGateCell(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export class GateCancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}

/** Worker side: runs a native call unless cancellation was requested. */
export async function throughGate<T>(cell: Int32Array, call: () => Promise<T>): Promise<T> {
  const before = Atomics.add(cell, 0, 1);
  if (before & CANCEL_BIT) {
    Atomics.sub(cell, 0, 1);
    throw new GateCancelledError();
  }
  try {
    return await call();
  } finally {
    Atomics.sub(cell, 0, 1);
  }
}

export function gateCancelled(cell: Int32Array): boolean {
  return (Atomics.load(cell, 0) & CANCEL_BIT) !== 0;
}

/** Server side: requests cancellation; resolves once no native call is in flight (then terminating is safe). */
export function closeGate(cell: Int32Array, pollMs = 2): Promise<void> {
  if ((Atomics.or(cell, 0, CANCEL_BIT) & COUNT_MASK) === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if ((Atomics.load(cell, 0) & COUNT_MASK) === 0) {
        clearInterval(timer);
        resolve();
      }
    }, pollMs);
  });
}

/** The parts of onnxruntime-node's InferenceSession the gate wraps. */
interface OrtSessionClass {
  create: (...args: never[]) => Promise<unknown>;
  prototype: { run: (...args: never[]) => Promise<unknown> };
}

/**
 * Routes every InferenceSession.create and session.run of this worker's onnxruntime-node
 * through the gate. Called once by the worker entry with the module it loads, so every
 * ORT call site (evaluator, gradients, sanity checks) is covered without each knowing.
 */
export function gateOrt(ort: { InferenceSession: unknown }, cell: Int32Array): void {
  const cls = ort.InferenceSession as OrtSessionClass;
  const create = cls.create;
  const run = cls.prototype.run;
  cls.create = function (this: unknown, ...args: never[]) {
    return throughGate(cell, () => create.apply(this, args));
  };
  cls.prototype.run = function (this: unknown, ...args: never[]) {
    return throughGate(cell, () => run.apply(this, args));
  };
}
