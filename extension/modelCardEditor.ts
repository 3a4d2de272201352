/**
 * The model card: a read-only custom editor of .onnx files. It shows the model's structure
 * (ModelSummaryRequest) and its latest analysis, with a button that opens the report there.
 */
import * as vscode from 'vscode';
import { CommandIds, ModelSummaryRequest, OpenFileCommand, OpenReportCommand, ReportChangedNotification, type ModelSummaryParams, type ModelSummaryResult, type StatusParams } from '../protocol/protocol';
import { HostIpc } from './webviews/hostIpc';
import { webviewHtml, webviewOptions } from './webviews/html';
import { pickFolder } from './webviews/reportFolder';
import { fetchReports, openFile, type WebviewServices } from './webviews/services';

export const MODEL_CARD_VIEW_TYPE = 'modelDiagnostics.modelCard';

interface Card {
  readonly uri: vscode.Uri;
  readonly panel: vscode.WebviewPanel;
  readonly ipc: HostIpc;
  /** The card was drawn without a running server: reload it once the server reports. */
  stale: boolean;
  lastJson?: string;
}

export class ModelCardProvider implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  private readonly cards = new Set<Card>();

  constructor(private readonly services: WebviewServices) {}

  register(): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(MODEL_CARD_VIEW_TYPE, this, { supportsMultipleEditorsPerDocument: true });
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.services.extensionUri);
    const card: Card = {
      uri: document.uri,
      panel,
      stale: false,
      ipc: new HostIpc(panel.webview, 'modelCard', async () => ({ webview: 'modelCard', modelSummary: await this.summary(card) }), (m) => this.services.output.warn(m))
        .onCommand(OpenFileCommand, (p) => openFile(p))
        .onCommand(OpenReportCommand, async (f) => void (await vscode.commands.executeCommand(CommandIds.openReport, f))),
    };
    this.cards.add(card);
    const subs = [panel.onDidChangeViewState(() => panel.visible || card.ipc.reset())];
    panel.onDidDispose(() => {
      this.cards.delete(card);
      card.ipc.dispose();
      for (const s of subs) s.dispose();
    });
    panel.webview.html = this.html(panel);
  }

  /** New results: stale cards reload; others get their folder's report when it changed. */
  status(s: StatusParams): void {
    if (s.state === 'analysing') return;
    for (const card of this.cards) {
      if (card.stale) {
        card.stale = false;
        card.ipc.reset();
        card.panel.webview.html = this.html(card.panel);
        continue;
      }
      void this.refresh(card).catch((e: unknown) => this.services.output.warn(`model card: ${String(e)}`));
    }
  }

  dispose(): void {
    this.cards.clear();
  }

  private async refresh(card: Card): Promise<void> {
    if (!card.ipc.isReady) return;
    const folder = pickFolder(await fetchReports(this.services), { model: card.uri.toString() });
    if (!folder?.report) return;
    const json = JSON.stringify(folder.report);
    if (json === card.lastJson) return;
    card.lastJson = json;
    card.ipc.notify(ReportChangedNotification, { report: folder.report });
  }

  private async summary(card: Card): Promise<ModelSummaryResult> {
    const client = this.services.client();
    const uri = card.uri.toString();
    if (!client) {
      card.stale = true;
      return { uri, error: `The model card needs the language server: ${this.services.notRunningReason()}.` };
    }
    const params: ModelSummaryParams = { uri };
    return client.sendRequest<ModelSummaryResult>(ModelSummaryRequest.method, params);
  }

  private html(panel: vscode.WebviewPanel): string {
    return webviewHtml(panel.webview, this.services.extensionUri, 'modelCard', 'modelCard', 'Model card');
  }
}
