/**
 * The latest reports of every folder, as the server holds them (`modelDiagnostics/report`),
 * for the tree views. Refetched when the client starts and when the server's status becomes
 * `ready` or `error`; the views only render what is here, never compute.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type FolderReport, type ReportParams, type ReportResult, type StatusParams, type WireCheckReport, type WireModelReport } from '../../protocol/protocol';

/** One model's report with the folder it belongs to. */
export interface ModelEntry {
  /** Workspace folder URI. */
  readonly folder: string;
  /** The report's root: absolute folder path (paths in the report are relative to it). */
  readonly root: string;
  readonly report: WireModelReport;
}

/** Context keys for viewsWelcome (package.json): what the empty views should say. */
const CONTEXT = { analysing: 'modelDiagnostics.analysing', noModels: 'modelDiagnostics.noModels', running: 'modelDiagnostics.serverRunning' } as const;

export class ReportStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private folders: readonly FolderReport[] = [];
  private client?: LanguageClient;
  private generation = 0;

  constructor(private readonly output: vscode.LogOutputChannel) {
    void vscode.commands.executeCommand('setContext', CONTEXT.running, false);
  }

  /** The client is running: fetch what it holds. Returns the disposable that detaches it. */
  attach(client: LanguageClient): vscode.Disposable {
    this.client = client;
    void vscode.commands.executeCommand('setContext', CONTEXT.running, true);
    void this.refresh();
    return { dispose: () => this.detach(client) };
  }

  status(s: StatusParams): void {
    void vscode.commands.executeCommand('setContext', CONTEXT.analysing, s.state === 'analysing');
    if (s.state === 'ready' || s.state === 'error' || s.state === 'idle') void this.refresh();
  }

  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = ++this.generation;
    try {
      const params: ReportParams = {};
      const result = await client.sendRequest<ReportResult>(ReportRequest.method, params);
      if (generation !== this.generation) return; // a newer fetch is under way
      this.folders = result.folders;
      void vscode.commands.executeCommand('setContext', CONTEXT.noModels, result.folders.every((f) => f.report !== undefined && f.report.models.length === 0));
      this.emitter.fire();
    } catch (e) {
      this.output.error(`fetching the reports for the sidebar: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  reports(): { readonly folder: string; readonly report: WireCheckReport }[] {
    return this.folders.flatMap((f) => (f.report ? [{ folder: f.folder, report: f.report }] : []));
  }

  models(): ModelEntry[] {
    return this.reports().flatMap(({ folder, report }) => report.models.map((m) => ({ folder, root: report.root, report: m })));
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private detach(client: LanguageClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.folders = [];
    this.generation++;
    void vscode.commands.executeCommand('setContext', CONTEXT.running, false);
    // A server that died mid-run never says it stopped analysing.
    void vscode.commands.executeCommand('setContext', CONTEXT.analysing, false);
    this.emitter.fire();
  }
}
