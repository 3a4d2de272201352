/** A started run of one folder: its result settles once, whether it finished or was cancelled. */
export interface RunHandle<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

type Waiter<T> = (result: T | undefined) => void;

interface Slot<T> {
  timer?: NodeJS.Timeout;
  running?: { readonly handle: RunHandle<T>; readonly waiters: Waiter<T>[] };
  pending: Waiter<T>[];
}

/**
 * Debounces analysis requests per folder and keeps at most one run per folder. A request
 * makes the running run stale at once: it is cancelled then, not when the debounce ends, so
 * its worker stops computing on files that just changed. A `schedule()` promise resolves
 * with the result of the first run that started after it and was not superseded (undefined
 * if the folder was dropped).
 */
export class AnalysisScheduler<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(
    private readonly debounceMs: number,
    private readonly start: (folder: string) => RunHandle<T>,
    private readonly onFinished: (folder: string, result: T) => void,
  ) {}

  schedule(folder: string, options: { immediate?: boolean } = {}): Promise<T | undefined> {
    const slot = this.slot(folder);
    this.dropStale(slot);
    return new Promise<T | undefined>((resolve) => {
      slot.pending.push(resolve);
      clearTimeout(slot.timer);
      slot.timer = setTimeout(() => this.launch(folder, slot), options.immediate ? 0 : this.debounceMs);
    });
  }

  isBusy(folder: string): boolean {
    const s = this.slots.get(folder);
    return !!s && (!!s.running || !!s.timer);
  }

  /** Cancels the folder's pending and running work; its waiters get undefined. */
  cancel(folder: string): void {
    const slot = this.slots.get(folder);
    if (!slot) return;
    this.slots.delete(folder);
    clearTimeout(slot.timer);
    const running = slot.running;
    slot.running = undefined; // its late result is not reported
    running?.handle.cancel();
    for (const w of [...(running?.waiters ?? []), ...slot.pending]) w(undefined);
  }

  dispose(): void {
    for (const folder of [...this.slots.keys()]) this.cancel(folder);
  }

  private slot(folder: string): Slot<T> {
    let s = this.slots.get(folder);
    if (!s) this.slots.set(folder, (s = { pending: [] }));
    return s;
  }

  /** Cancels the running run (its late result is not reported); its waiters wait for the next run. */
  private dropStale(slot: Slot<T>): void {
    const running = slot.running;
    if (!running) return;
    slot.running = undefined;
    slot.pending.unshift(...running.waiters);
    running.handle.cancel();
  }

  private launch(folder: string, slot: Slot<T>): void {
    slot.timer = undefined;
    this.dropStale(slot);
    const waiters = slot.pending;
    slot.pending = [];
    const handle = this.start(folder);
    const run = { handle, waiters };
    slot.running = run;
    const settle = (result: T | undefined): void => {
      if (slot.running !== run) return; // superseded: its waiters moved to the next run
      slot.running = undefined;
      if (!slot.timer && !slot.pending.length && this.slots.get(folder) === slot) this.slots.delete(folder);
      if (result !== undefined) this.onFinished(folder, result);
      for (const w of waiters) w(result);
    };
    handle.result.then(settle, () => settle(undefined));
  }
}
