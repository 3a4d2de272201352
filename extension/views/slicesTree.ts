/**
 * The Slices view: model → slices ranked by score → the slice's predicates and numbers;
 * significant slices (q < 0.05) are marked. Saved slices (regression tests) follow under
 * their own node with their verdict. Selecting a slice opens it in the report.
 */
import * as vscode from 'vscode';
import { ReportTreeProvider } from './reportTreeProvider';
import { CommandIds } from '../../protocol/protocol';
import type { ModelEntry } from './reportStore';
import { fmt, metricText, predicateLabel, savedSlicesOf, SIGNIFICANT_Q, sliceLabel, slicesOf, type WireSavedSlice, type WireSlice } from './reportShapes';

/** Internal command behind a slice click: openReport when it exists, else a clear message. */
export const OPEN_SLICE_COMMAND = 'modelDiagnostics.openSliceInReport';

/** What the slice context menu and the open command receive. */
export interface SliceRef {
  readonly kind: 'slice';
  readonly model: ModelEntry;
  readonly slice: WireSlice;
}

type Node =
  | { readonly kind: 'model'; readonly model: ModelEntry }
  | SliceRef
  | { readonly kind: 'saved'; readonly model: ModelEntry }
  | { readonly kind: 'savedSlice'; readonly model: ModelEntry; readonly saved: WireSavedSlice }
  | { readonly kind: 'detail'; readonly label: string; readonly description?: string; readonly icon?: string };

export class SlicesTreeProvider extends ReportTreeProvider<Node> {
  getChildren(node?: Node): Node[] {
    if (!node) return this.store.models().filter((m) => slicesOf(m.report).length || savedSlicesOf(m.report).length).map((model) => ({ kind: 'model', model }));
    switch (node.kind) {
      case 'model': {
        const saved: Node[] = savedSlicesOf(node.model.report).length ? [{ kind: 'saved', model: node.model }] : [];
        return [...slicesOf(node.model.report).map((slice): Node => ({ kind: 'slice', model: node.model, slice })), ...saved];
      }
      case 'slice':
        return sliceDetails(node.slice);
      case 'saved':
        return savedSlicesOf(node.model.report).map((saved) => ({ kind: 'savedSlice', model: node.model, saved }));
      case 'savedSlice':
        return node.saved.predicates.map((p) => ({ kind: 'detail', label: predicateLabel(p), icon: 'filter' }));
      case 'detail':
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'model': {
        const slices = slicesOf(node.model.report);
        const significant = slices.filter((s) => s.qValue < SIGNIFICANT_Q).length;
        const item = new vscode.TreeItem(node.model.report.name, C.Expanded);
        item.description = `${slices.length} slices, ${significant} significant`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        item.tooltip = node.model.report.model;
        return item;
      }
      case 'slice': {
        const s = node.slice;
        const significant = s.qValue < SIGNIFICANT_Q;
        const item = new vscode.TreeItem(sliceLabel(s.predicates), C.Collapsed);
        item.description = `${s.metric} ${metricText(s.metric, s.value)} vs ${metricText(s.metric, s.baseline)} · ${s.size} rows${significant ? ' · significant' : ''}`;
        item.iconPath = new vscode.ThemeIcon(significant ? 'warning' : 'circle-outline', significant ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.tooltip = new vscode.MarkdownString(
          `**${sliceLabel(s.predicates)}**\n\n${s.metric} ${metricText(s.metric, s.value)}${s.ci ? ` (95% CI ${metricText(s.metric, s.ci[0])}–${metricText(s.metric, s.ci[1])})` : ''} vs ${metricText(s.metric, s.baseline)} overall, ${fmt(s.lift)}× · ${s.size} rows · p = ${fmt(s.pValue)}, q = ${fmt(s.qValue)}${significant ? ' · **significant**' : ''}`,
        );
        item.contextValue = 'slice';
        item.command = { command: OPEN_SLICE_COMMAND, title: 'Open in Report', arguments: [node] };
        return item;
      }
      case 'saved': {
        const saved = savedSlicesOf(node.model.report);
        const failing = saved.filter((s) => s.status !== 'ok').length;
        const item = new vscode.TreeItem('Saved slices (regression tests)', C.Expanded);
        item.description = failing ? `${failing} of ${saved.length} failing` : `${saved.length} passing`;
        item.iconPath = new vscode.ThemeIcon('beaker');
        return item;
      }
      case 'savedSlice': {
        const s = node.saved;
        const item = new vscode.TreeItem(s.name ?? sliceLabel(s.predicates), C.Collapsed);
        const verdict = s.status === 'ok' ? 'passes' : s.status === 'regressed' ? 'REGRESSED' : s.status === 'empty' ? 'matches no row' : 'invalid';
        item.description = `${s.metric} ${metricText(s.metric, s.value)} ≤ ${metricText(s.metric, s.maxValue)}? ${verdict}`;
        item.iconPath = new vscode.ThemeIcon(s.status === 'ok' ? 'pass' : 'error', new vscode.ThemeColor(s.status === 'ok' ? 'testing.iconPassed' : 'testing.iconFailed'));
        item.tooltip = s.reason ?? `${sliceLabel(s.predicates)} · ${s.size} rows`;
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.description = node.description;
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
    }
  }
}

function sliceDetails(s: WireSlice): Node[] {
  const d = (label: string, description: string, icon: string): Node => ({ kind: 'detail', label, description, icon });
  const significant = s.qValue < SIGNIFICANT_Q;
  return [
    ...s.predicates.map((p): Node => ({ kind: 'detail', label: predicateLabel(p), icon: 'filter' })),
    d('size', `${s.size} rows`, 'list-flat'),
    d(s.metric, `${metricText(s.metric, s.value)}${s.ci ? ` (CI ${metricText(s.metric, s.ci[0])}–${metricText(s.metric, s.ci[1])})` : ''} vs ${metricText(s.metric, s.baseline)} baseline`, 'graph'),
    d('lift', `${fmt(s.lift)}×`, 'arrow-up'),
    d('p / q', `p = ${fmt(s.pValue)}, q = ${fmt(s.qValue)}${significant ? ' (significant)' : ''}`, significant ? 'warning' : 'info'),
  ];
}

/** Opens the slice in the report webview, or says why it cannot (no report view in this build yet). */
export async function openSliceInReport(ref: SliceRef | undefined): Promise<void> {
  if (!ref || ref.kind !== 'slice') return;
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(CommandIds.openReport)) {
    void vscode.window.showInformationMessage(`Model Diagnostics: the report view is not available in this build, so "${sliceLabel(ref.slice.predicates)}" cannot be opened in it; its numbers are in the tree.`);
    return;
  }
  await vscode.commands.executeCommand(CommandIds.openReport, { folder: ref.model.folder, model: ref.model.report.name, section: 'slices', slice: ref.slice.index });
}
