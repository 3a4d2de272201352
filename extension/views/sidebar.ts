/**
 * The activity-bar container's three views (Slices, Findings, Features) over one
 * ReportStore. Lives as long as the extension (so the welcome texts show in Restricted Mode);
 * the language client is attached while it runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusParams } from '../../protocol/protocol';
import { FeaturesTreeProvider } from './featuresTree';
import { FindingsTreeProvider } from './findingsTree';
import { ReportStore } from './reportStore';
import { SlicesTreeProvider } from './slicesTree';

export const VIEW_IDS = { slices: 'modelDiagnostics.slices', findings: 'modelDiagnostics.findings', features: 'modelDiagnostics.features' } as const;

export class Sidebar implements vscode.Disposable {
  readonly store: ReportStore;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(output: vscode.LogOutputChannel) {
    this.store = new ReportStore(output);
    const slices = new SlicesTreeProvider(this.store);
    const findings = new FindingsTreeProvider(this.store);
    const features = new FeaturesTreeProvider(this.store);
    this.disposables.push(
      this.store,
      slices,
      findings,
      features,
      vscode.window.createTreeView(VIEW_IDS.slices, { treeDataProvider: slices, showCollapseAll: true }),
      vscode.window.createTreeView(VIEW_IDS.findings, { treeDataProvider: findings, showCollapseAll: true }),
      vscode.window.createTreeView(VIEW_IDS.features, { treeDataProvider: features, showCollapseAll: true }),
    );
  }

  /** The client runs: the views fetch its reports. Dispose the result when the client stops. */
  attach(client: LanguageClient): vscode.Disposable {
    return this.store.attach(client);
  }

  status(s: StatusParams): void {
    this.store.status(s);
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) d.dispose();
    this.disposables.length = 0;
  }
}
