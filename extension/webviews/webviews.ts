/** Every webview of the extension: report and waterfall panels (with serializers) and the model card editor. */
import type * as vscode from 'vscode';
import type { StatusParams } from '../../protocol/protocol';
import { ModelCardProvider } from '../modelCardEditor';
import { ReportPanels } from './reportPanel';
import type { WebviewServices } from './services';
import { WaterfallPanels } from './waterfallPanel';

export class Webviews implements vscode.Disposable {
  readonly reports: ReportPanels;
  readonly waterfalls: WaterfallPanels;
  readonly modelCards: ModelCardProvider;
  private readonly registrations: vscode.Disposable[];

  constructor(readonly services: WebviewServices) {
    this.reports = new ReportPanels(services);
    this.waterfalls = new WaterfallPanels(services);
    this.modelCards = new ModelCardProvider(services);
    this.registrations = [this.reports.registerSerializer(), this.waterfalls.registerSerializer(), this.modelCards.register()];
  }

  /** The server's analysis state changed: views refresh their results. */
  status(s: StatusParams): void {
    this.reports.status(s);
    this.modelCards.status(s);
  }

  dispose(): void {
    for (const d of [...this.registrations, this.reports, this.waterfalls, this.modelCards]) d.dispose();
  }
}
