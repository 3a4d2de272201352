import { basename } from 'node:path';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { AnalysisCache } from './analysisCache';
import { AnalysisScheduler, type RunHandle } from './analysisScheduler';
import type { ConfigDocuments } from './configDocuments';
import { folderDiagnostics } from './diagnostics';
import { problemCount } from './folderReport';
import { startFolderRun, type FolderResult } from './folderRun';
import type { PersistentCache } from './persistentCache';
import type { FolderSettings } from './settings';
import type { StatusReporter } from './statusReporter';
import { pathToUri, type WorkspaceFolders } from './workspaceFolders';

export interface AnalysisServiceDeps {
  readonly connection: Connection;
  readonly workerPath: string;
  readonly folders: WorkspaceFolders;
  readonly documents: ConfigDocuments;
  readonly settings: FolderSettings;
  readonly status: StatusReporter;
  readonly debounceMs: number;
  /** Called after a finished run's result is stored and published (language features re-diagnose). */
  readonly onResult?: (folder: string) => void;
}

/**
 * Analysis of the workspace folders: schedules runs (debounced, stale runs cancelled),
 * keeps each folder's latest result, publishes its diagnostics and reports its status.
 */
export class AnalysisService {
  readonly cache = new AnalysisCache();
  private readonly results = new Map<string, FolderResult>();
  private readonly published = new Map<string, Set<string>>();
  private readonly scheduler: AnalysisScheduler<FolderResult>;
  private store?: PersistentCache;
  /** Stores in flight, chained in order; shutdown waits for them. */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AnalysisServiceDeps) {
    this.scheduler = new AnalysisScheduler(deps.debounceMs, (f) => this.start(f), (f, r) => this.finished(f, r));
  }

  schedule(folder: string, options: { immediate?: boolean } = {}): Promise<FolderResult | undefined> {
    return this.scheduler.schedule(folder, options);
  }

  /** Drops the folder's cached results and analyses it again now. */
  rerun(folder: string): Promise<FolderResult | undefined> {
    this.cache.clearFolder(folder);
    return this.scheduler.schedule(folder, { immediate: true });
  }

  /** Results on disk (the extension's storage): finished runs are saved there. */
  useStore(store: PersistentCache | undefined): void {
    this.store = store;
  }

  /**
   * Shows the folder's last stored result at once (diagnostics, report, status) and seeds the
   * cache with its outcomes, so the next run analyses only what changed. False when none.
   */
  async restore(folder: string): Promise<boolean> {
    const loaded = await this.store?.load(folder).catch(() => undefined);
    if (!loaded || this.results.has(folder) || this.scheduler.isBusy(folder)) return false;
    const stored = loaded.result;
    this.cache.updateHashMemo(loaded.hashMemo);
    for (const { model, outcome } of stored.models) if (outcome) this.cache.set(folder, model.key, outcome);
    this.results.set(folder, stored);
    this.publish(folder, folderDiagnostics(stored));
    const problems = problemCount(stored);
    this.deps.status.set(folder, { state: 'ready', message: `${basename(folder)}: ${stored.models.length} model${stored.models.length === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'} (stored results)` });
    return true;
  }

  result(folder: string): FolderResult | undefined {
    return this.results.get(folder);
  }

  /** A folder left the workspace: stop its work and withdraw its diagnostics. */
  drop(folder: string): void {
    this.scheduler.cancel(folder);
    this.results.delete(folder);
    this.publish(folder, new Map());
    this.deps.status.remove(folder);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  /** Resolves when every finished run has been written to the store. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private start(folder: string): RunHandle<FolderResult> {
    const { status, settings, folders, documents } = this.deps;
    let cancelled = false;
    let inner: RunHandle<FolderResult> | undefined;
    const name = basename(folder);
    status.set(folder, { state: 'analysing', message: `analysing ${name}` });
    const result = (async (): Promise<FolderResult> => {
      const s = await settings.get(folders.uriOf(folder));
      const empty: FolderResult = { folder, reportVersion: '', configs: [], notes: [], models: [], cancelled, durationMs: 0, analysed: 0 };
      if (cancelled) return { ...empty, cancelled: true };
      if (!s.enable) return { ...empty, disabled: true };
      inner = startFolderRun({
        workerPath: this.deps.workerPath,
        folder,
        configTexts: documents.texts(folder),
        maxRows: s.maxRows,
        cache: this.cache,
        onUpdate: (partial) => {
          if (!cancelled) this.publish(folder, folderDiagnostics(partial));
        },
        onProgress: (message, done, total) => {
          if (!cancelled) status.set(folder, { state: 'analysing', message: `${name}: ${message}`, progress: { done, total } });
        },
      });
      return inner.result;
    })();
    return {
      result,
      cancel: () => {
        cancelled = true;
        inner?.cancel();
      },
    };
  }

  private finished(folder: string, result: FolderResult): void {
    const { status, connection } = this.deps;
    const name = basename(folder);
    if (result.cancelled) return;
    this.results.set(folder, result);
    const store = this.store;
    if (store) {
      this.saving = this.saving
        .then(() => store.save(result, this.cache.hashMemo()))
        .catch((e: unknown) => connection.console.warn(`could not store the results of ${folder}: ${e instanceof Error ? e.message : String(e)}`));
    }
    this.publish(folder, folderDiagnostics(result));
    this.deps.onResult?.(folder);
    if (result.disabled) {
      status.set(folder, { state: 'idle', message: `${name}: disabled (modelDiagnostics.enable)` });
      return;
    }
    const internal = result.models.filter((m) => m.outcome?.kind === 'internal-error');
    for (const m of internal) if (m.outcome?.kind === 'internal-error') connection.console.error(`internal error analysing ${m.model.name}: ${m.outcome.message}`);
    if (result.failure && !result.failure.error) connection.console.error(`analysis of ${folder} failed: ${result.failure.message}`);
    const problems = problemCount(result);
    const summary = `${name}: ${result.models.length} model${result.models.length === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'}`;
    connection.console.info(`${summary} (${result.analysed} analysed, ${result.models.length - result.analysed} cached, ${result.durationMs} ms)`);
    if (result.failure) status.set(folder, { state: 'error', message: `${name}: ${result.failure.error?.detail ?? 'analysis failed (see the log)'}` });
    else if (internal.length) status.set(folder, { state: 'error', message: `${summary}; ${internal.length} internal error${internal.length === 1 ? '' : 's'} (see the log)` });
    else status.set(folder, { state: 'ready', message: summary });
  }

  /** Sends the folder's diagnostics and clears files that no longer have any. */
  private publish(folder: string, diagnostics: Map<string, Diagnostic[]>): void {
    const before = this.published.get(folder) ?? new Set<string>();
    for (const file of before) if (!diagnostics.has(file)) void this.deps.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    for (const [file, list] of diagnostics) void this.deps.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: list });
    this.published.set(folder, new Set(diagnostics.keys()));
  }
}
