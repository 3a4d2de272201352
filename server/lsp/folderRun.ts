import type { AnalysisCache } from './analysisCache';
import { startWorkerJob } from './workerJob';
import type { ConfigResult, DiscoveredModel, ModelOutcome, WireInputError, WorkerMessage } from '../worker/workerMessages';
import type { Finding } from '../results/finding';

export interface FolderResult {
  readonly folder: string;
  readonly reportVersion: string;
  readonly configs: readonly ConfigResult[];
  readonly notes: readonly { readonly file: string; readonly message: string; readonly finding: Finding }[];
  /** Every model discovery found, with its outcome once known (cached or analysed). */
  readonly models: readonly { readonly model: DiscoveredModel; readonly outcome?: ModelOutcome }[];
  /** The run could not finish (folder unreadable, worker crashed). */
  readonly failure?: { readonly message: string; readonly error?: WireInputError };
  readonly cancelled: boolean;
  /** Analysis is off for this folder (setting `modelDiagnostics.enable`). */
  readonly disabled?: boolean;
  readonly durationMs: number;
  /** Models analysed in this run (the others came from the cache). */
  readonly analysed: number;
}

export interface FolderRunOptions {
  readonly workerPath: string;
  readonly folder: string;
  readonly configTexts: Readonly<Record<string, string>>;
  readonly maxRows: number;
  readonly cache: AnalysisCache;
  /** Called whenever the partial result changes (discovery done, a model done). */
  readonly onUpdate: (partial: FolderResult) => void;
  readonly onProgress: (message: string, done: number, total: number) => void;
}

export interface FolderRunHandle {
  readonly result: Promise<FolderResult>;
  cancel(): void;
}

/**
 * Interval of the stage heartbeat while a worker computes: under a second with room for
 * timer drift on a loaded event loop (at 1000 ms the measured longest gap was 1041 ms).
 */
const HEARTBEAT_MS = 750;

/** One analysis of one folder in a worker, filled from the cache where content keys match. */
export function startFolderRun(o: FolderRunOptions): FolderRunHandle {
  const t0 = performance.now();
  const known = o.cache.snapshot(o.folder);
  let state: FolderResult = { folder: o.folder, reportVersion: '', configs: [], notes: [], models: [], cancelled: false, durationMs: 0, analysed: 0 };
  const update = (next: Partial<FolderResult>): void => {
    state = { ...state, ...next, durationMs: Math.round(performance.now() - t0) };
  };
  // A stage can compute for many seconds without a message (the worker's thread is busy):
  // repeat the current stage with its elapsed time so the client sees progress every second.
  // Until the worker's first message (start-up, discovery) the heartbeat reports that stage.
  let last: { message: string; done: number; total: number; at: number } = { message: 'discovering models and data', done: 0, total: 0, at: t0 };
  const heartbeat = setInterval(() => {
    o.onProgress(`${last.message} (${Math.round((performance.now() - last.at) / 1000)} s)`, last.done, last.total);
  }, HEARTBEAT_MS);
  const onMessage = (m: WorkerMessage): void => {
    switch (m.type) {
      case 'discovered':
        o.cache.updateHashMemo(m.hashMemo);
        update({ reportVersion: m.reportVersion, configs: m.configs, notes: m.notes, models: m.models.map((model) => ({ model, outcome: known.get(model.key) })) });
        o.onUpdate(state);
        break;
      case 'model':
        o.cache.set(o.folder, m.key, m.outcome);
        update({ models: state.models.map((x) => (x.model.key === m.key ? { ...x, outcome: m.outcome } : x)), analysed: state.analysed + 1 });
        o.onUpdate(state);
        break;
      case 'progress':
        last = { message: m.message, done: m.done, total: m.total, at: performance.now() };
        o.onProgress(m.message, m.done, m.total);
        break;
      case 'failed':
        update({ failure: { message: m.message, error: m.error } });
        break;
      case 'done':
      case 'summary':
        break;
    }
  };
  const job = startWorkerJob(
    o.workerPath,
    { type: 'run', folder: o.folder, configTexts: o.configTexts, cachedKeys: [...known.keys()], maxRows: o.maxRows, hashMemo: o.cache.hashMemo() },
    onMessage,
  );
  const result = job.ended.then(({ end, detail }) => {
    clearInterval(heartbeat);
    if (end === 'cancelled') update({ cancelled: true });
    else if (end === 'crashed') update({ failure: { message: detail ?? 'the analysis worker stopped' } });
    else update({});
    return state;
  });
  return { result, cancel: job.cancel };
}
