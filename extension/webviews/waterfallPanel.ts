/** The "Explain this row" waterfall panel (one at a time, reused), restored after a reload from the page's state. */
import * as vscode from 'vscode';
import { ExplanationChangedNotification, OpenFileCommand, type ExplainRowResult } from '../../protocol/protocol';
import { HostIpc } from './hostIpc';
import { webviewHtml, webviewOptions } from './html';
import { openFile, type WebviewServices } from './services';

export const WATERFALL_VIEW_TYPE = 'modelDiagnostics.waterfall';

class WaterfallPanel implements vscode.Disposable {
  private readonly ipc: HostIpc;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    services: WebviewServices,
    private explanation: ExplainRowResult | undefined,
    onDispose: () => void,
  ) {
    panel.webview.options = webviewOptions(services.extensionUri);
    panel.iconPath = new vscode.ThemeIcon('graph-left');
    this.ipc = new HostIpc(panel.webview, 'waterfall', async () => ({ webview: 'waterfall', ...(this.explanation ? { explanation: this.explanation } : {}) }), (m) => services.output.warn(m)).onCommand(OpenFileCommand, (p) => openFile(p));
    this.disposables.push(
      this.ipc,
      panel.onDidChangeViewState(() => panel.visible || this.ipc.reset()),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    if (explanation) panel.title = titleOf(explanation);
    panel.webview.html = webviewHtml(panel.webview, services.extensionUri, 'report', 'waterfall', 'Explain row');
  }

  show(e: ExplainRowResult): void {
    this.explanation = e;
    this.panel.title = titleOf(e);
    this.panel.reveal(undefined, true);
    this.ipc.notify(ExplanationChangedNotification, { explanation: e });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function titleOf(e: ExplainRowResult): string {
  return `Row ${e.row}: ${e.model}`;
}

export class WaterfallPanels implements vscode.Disposable {
  private current?: WaterfallPanel;

  constructor(private readonly services: WebviewServices) {}

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(WATERFALL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        this.current?.dispose();
        // The page restores its explanation from its own state (getState).
        this.current = new WaterfallPanel(panel, this.services, undefined, () => (this.current = undefined));
      },
    });
  }

  show(e: ExplainRowResult): void {
    if (this.current) return this.current.show(e);
    const panel = vscode.window.createWebviewPanel(WATERFALL_VIEW_TYPE, titleOf(e), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.services.extensionUri));
    const p = new WaterfallPanel(panel, this.services, e, () => {
      if (this.current === p) this.current = undefined;
    });
    this.current = p;
  }

  dispose(): void {
    this.current?.panel.dispose();
    this.current = undefined;
  }
}
