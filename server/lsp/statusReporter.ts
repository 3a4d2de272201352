import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { StatusNotification, type AnalysisState, type Progress, type StatusParams } from '../../protocol/protocol';
import { sendNotification } from './typedConnection';

export interface FolderStatus {
  readonly state: AnalysisState;
  readonly message: string;
  readonly progress?: Progress;
}

/**
 * Folds the status of every folder into one: sends `modelDiagnostics/status` when it
 * changes and holds a work-done progress (window/workDoneProgress/create) while any folder
 * is analysing.
 */
export class StatusReporter {
  private readonly folders = new Map<string, FolderStatus>();
  private last = '';
  private progress?: Promise<WorkDoneProgressServerReporter>;

  constructor(private readonly connection: Connection) {}

  set(folder: string, status: FolderStatus): void {
    this.folders.set(folder, status);
    this.emit();
  }

  remove(folder: string): void {
    this.folders.delete(folder);
    this.emit();
  }

  get(folder: string): FolderStatus | undefined {
    return this.folders.get(folder);
  }

  current(): StatusParams {
    const all = [...this.folders.values()];
    const busy = all.filter((s) => s.state === 'analysing');
    if (busy.length) {
      const progress = busy.reduce((p, s) => ({ done: p.done + (s.progress?.done ?? 0), total: p.total + (s.progress?.total ?? 0) }), { done: 0, total: 0 });
      return { state: 'analysing', message: busy.map((s) => s.message).join('; '), progress };
    }
    const failed = all.filter((s) => s.state === 'error');
    if (failed.length) return { state: 'error', message: failed.map((s) => s.message).join('; ') };
    const ready = all.filter((s) => s.state === 'ready');
    if (ready.length) return { state: 'ready', message: ready.map((s) => s.message).join('; ') };
    return { state: 'idle', message: all.map((s) => s.message).join('; ') || 'no workspace folder' };
  }

  private emit(): void {
    const status = this.current();
    const text = JSON.stringify(status);
    // The status notification only goes out on change; work-done progress is also the
    // liveness signal of a long stage (the run's heartbeat), so it is reported every time.
    if (text !== this.last) {
      this.last = text;
      void sendNotification(this.connection, StatusNotification, status);
    } else if (status.state !== 'analysing') return;
    if (status.state === 'analysing') this.reportProgress(status);
    else this.endProgress();
  }

  private reportProgress(status: StatusParams): void {
    const pct = status.progress && status.progress.total > 0 ? Math.round((100 * status.progress.done) / status.progress.total) : undefined;
    if (!this.progress) {
      this.progress = this.connection.window.createWorkDoneProgress().then((r) => {
        r.begin('Model Diagnostics', pct ?? 0, status.message, false);
        return r;
      });
      this.progress.catch(() => undefined);
    } else void this.progress.then((r) => r.report(pct ?? 0, status.message), () => undefined);
  }

  private endProgress(): void {
    const p = this.progress;
    this.progress = undefined;
    void p?.then((r) => r.done(), () => undefined);
  }
}
