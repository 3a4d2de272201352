import * as vscode from 'vscode';
import type { ReportStore } from './reportStore';

/**
 * The shape every sidebar view shares (vscode-extension-samples' tree provider): a private
 * emitter, a public event, and a refresh whenever the report store changes. Subclasses only
 * render what the store already holds.
 */
export abstract class ReportTreeProvider<Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly store: ReportStore) {
    this.subscription = store.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;
}
