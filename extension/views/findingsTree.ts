/**
 * The Findings view: finding id → each finding (model, feature, message) with its severity
 * icon. Clicking one runs `modelDiagnostics.revealFinding`, which opens where it points.
 */
import * as vscode from 'vscode';
import { ReportTreeProvider } from './reportTreeProvider';
import { CommandIds, findingDocUrl, type WireFinding, type WireSeverity } from '../../protocol/protocol';

/** What revealFinding receives. */
export interface FindingRef {
  readonly kind: 'finding';
  /** Absolute folder path the finding's paths are relative to. */
  readonly root: string;
  /** The model's report fields revealFinding needs (absent for folder-level findings). */
  readonly model?: { readonly name: string; readonly model: string; readonly data: { readonly train?: string; readonly test?: string } };
  readonly finding: WireFinding;
}

type Node = { readonly kind: 'group'; readonly id: string; readonly findings: readonly FindingRef[] } | FindingRef;

const SEVERITY_ORDER: Readonly<Record<WireSeverity, number>> = { error: 0, warning: 1, info: 2 };
const ICON: Readonly<Record<WireSeverity, [string, string]>> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  info: ['info', 'foreground'],
};

export class FindingsTreeProvider extends ReportTreeProvider<Node> {
  getChildren(node?: Node): Node[] {
    if (node) return node.kind === 'group' ? [...node.findings] : [];
    const groups = new Map<string, FindingRef[]>();
    for (const { report } of this.store.reports()) {
      const all: FindingRef[] = [
        ...report.findings.map((finding): FindingRef => ({ kind: 'finding', root: report.root, finding })),
        ...report.models.flatMap((m) => m.findings.filter((f) => !f.ignored).map((finding): FindingRef => ({ kind: 'finding', root: report.root, model: { name: m.name, model: m.model, data: m.data }, finding }))),
      ];
      for (const f of all) groups.set(f.finding.id, [...(groups.get(f.finding.id) ?? []), f]);
    }
    const worst = (fs: readonly FindingRef[]) => Math.min(...fs.map((f) => SEVERITY_ORDER[f.finding.severity]));
    return [...groups.entries()]
      .map(([id, findings]): Node => ({ kind: 'group', id, findings: [...findings].sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity]) }))
      .sort((a, b) => (a.kind === 'group' && b.kind === 'group' ? worst(a.findings) - worst(b.findings) || a.id.localeCompare(b.id) : 0));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.Expanded);
      const counts = (['error', 'warning', 'info'] as const).map((s) => [s, node.findings.filter((f) => f.finding.severity === s).length] as const).filter(([, n]) => n > 0);
      item.description = counts.map(([s, n]) => `${n} ${s}`).join(', ');
      item.tooltip = findingDocUrl(node.id);
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      return item;
    }
    const f = node.finding;
    const subject = f.feature ?? f.features?.join(' × ');
    const item = new vscode.TreeItem(`${node.model ? node.model.name : 'workspace'}${subject ? `: ${subject}` : ''}`, vscode.TreeItemCollapsibleState.None);
    item.description = f.message;
    item.tooltip = new vscode.MarkdownString().appendText(`${f.severity} · ${f.id}\n\n${f.message}`);
    const [icon, color] = ICON[f.severity];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.command = { command: CommandIds.revealFinding, title: 'Reveal Finding', arguments: [node] };
    return item;
  }
}
