/**
 * The report panel (one at a time): opened by `Model Diagnostics: Open Report`, restored after
 * a reload by its serializer, refreshed when the server's results change.
 */
import * as vscode from 'vscode';
import { FocusNotification, OpenFileCommand, ReportChangedNotification, RerunCommand, RerunRequest, StatusChangedNotification, type BootstrapState, type ReportFocus, type StatusParams } from '../../protocol/protocol';
import { HostIpc } from './hostIpc';
import { webviewHtml, webviewOptions } from './html';
import { pickFolder } from './reportFolder';
import { fetchReports, openFile, type WebviewServices } from './services';

export const REPORT_VIEW_TYPE = 'modelDiagnostics.report';

class ReportPanel implements vscode.Disposable {
  private folder?: string;
  private pendingFocus?: ReportFocus;
  private lastJson?: string;
  private readonly ipc: HostIpc;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: WebviewServices,
    focus: ReportFocus | undefined,
    onDispose: () => void,
  ) {
    this.pendingFocus = focus;
    panel.webview.options = webviewOptions(services.extensionUri);
    panel.iconPath = new vscode.ThemeIcon('graph');
    this.ipc = new HostIpc(panel.webview, 'report', () => this.bootstrap(), (m) => services.output.warn(m))
      .onCommand(OpenFileCommand, (p) => openFile(p))
      .onCommand(RerunCommand, async (p) => {
        const client = services.client();
        if (!client) return void vscode.window.showWarningMessage(`Model Diagnostics: ${services.notRunningReason()}`);
        await client.sendRequest(RerunRequest.method, p);
      });
    this.disposables.push(
      this.ipc,
      panel.onDidChangeViewState(() => panel.visible || this.ipc.reset()),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    panel.webview.html = webviewHtml(panel.webview, services.extensionUri, 'report', 'report', 'Model Diagnostics report');
  }

  /** `openReport` again: show that model/section/slice (the folder may change). */
  async focus(f: ReportFocus | undefined): Promise<void> {
    this.panel.reveal(undefined, false);
    if (!f || !this.ipc.isReady) {
      this.pendingFocus = f ?? this.pendingFocus;
      return;
    }
    await this.refresh(f);
    this.ipc.notify(FocusNotification, f);
  }

  /** Fetches the shown folder's report and posts it when it changed. */
  async refresh(focus?: ReportFocus): Promise<void> {
    if (!this.ipc.isReady) return;
    const folders = await fetchReports(this.services);
    const chosen = focus ? pickFolder(folders, focus) : (folders.find((f) => f.folder === this.folder) ?? pickFolder(folders, undefined));
    if (!chosen?.report) return;
    this.folder = chosen.folder;
    const json = JSON.stringify(chosen.report);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.panel.title = titleOf(chosen.folder);
    this.ipc.notify(ReportChangedNotification, { report: chosen.report });
  }

  status(s: StatusParams): void {
    this.ipc.notify(StatusChangedNotification, s);
    if (s.state !== 'analysing') void this.refresh().catch((e: unknown) => this.services.output.warn(`report view: ${String(e)}`));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async bootstrap(): Promise<BootstrapState> {
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    const folders = await fetchReports(this.services);
    const chosen = focus || !this.folder ? pickFolder(folders, focus) : folders.find((f) => f.folder === this.folder);
    this.folder = chosen?.folder;
    this.lastJson = chosen?.report ? JSON.stringify(chosen.report) : undefined;
    if (chosen) this.panel.title = titleOf(chosen.folder);
    return { webview: 'report', ...(chosen?.report ? { report: chosen.report } : {}), ...(focus ? { focus } : {}) };
  }
}

function titleOf(folderUri: string): string {
  return `Model Diagnostics: ${decodeURIComponent(folderUri.replace(/\/$/, '').split('/').pop() ?? '')}`;
}

/** The one report panel, its serializer, and the status fan-out. */
export class ReportPanels implements vscode.Disposable {
  private current?: ReportPanel;

  constructor(private readonly services: WebviewServices) {}

  /** Restores the panel after a window reload; the page's own state (model, section) comes back with getState. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        this.current?.dispose();
        const model = typeof state === 'object' && state !== null && typeof (state as { model?: unknown }).model === 'string' ? (state as { model: string }).model : undefined;
        this.current = new ReportPanel(panel, this.services, model ? { model } : undefined, () => (this.current = undefined));
        // The restored page keeps its saved section; only the folder is chosen from the saved model.
      },
    });
  }

  async show(focus?: ReportFocus): Promise<void> {
    if (this.current) return this.current.focus(focus);
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Model Diagnostics report', vscode.ViewColumn.Active, webviewOptions(this.services.extensionUri));
    const p = new ReportPanel(panel, this.services, focus, () => {
      if (this.current === p) this.current = undefined;
    });
    this.current = p;
  }

  status(s: StatusParams): void {
    this.current?.status(s);
  }

  dispose(): void {
    this.current?.panel.dispose();
    this.current = undefined;
  }
}
