/**
 * The Features view: per model, features ranked by global importance, with the value and its
 * interval as description and a tooltip naming the attribution method and the permutation
 * importance of the same feature.
 */
import * as vscode from 'vscode';
import { ReportTreeProvider } from './reportTreeProvider';
import type { ModelEntry } from './reportStore';
import { attributionOf, fmt, type WireAttribution, type WireImportance } from './reportShapes';

type Node = { readonly kind: 'model'; readonly model: ModelEntry; readonly attribution: WireAttribution } | { readonly kind: 'feature'; readonly attribution: WireAttribution; readonly g: WireImportance; readonly rank: number };

export class FeaturesTreeProvider extends ReportTreeProvider<Node> {
  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.store.models().flatMap((model): Node[] => {
        const attribution = attributionOf(model.report);
        return attribution && attribution.global.length ? [{ kind: 'model', model, attribution }] : [];
      });
    }
    if (node.kind === 'feature') return [];
    return [...node.attribution.global].sort((a, b) => b.importance - a.importance).map((g, i) => ({ kind: 'feature', attribution: node.attribution, g, rank: i + 1 }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'model') {
      const item = new vscode.TreeItem(node.model.report.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.attribution.method;
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      item.tooltip = `${node.model.report.model}: ${node.attribution.global.length} features by ${node.attribution.method}${node.attribution.space ? ` (${node.attribution.space})` : ''}`;
      return item;
    }
    const { g, attribution } = node;
    const item = new vscode.TreeItem(`${node.rank}. ${g.feature}`, vscode.TreeItemCollapsibleState.None);
    item.description = `${fmt(g.importance)}${g.ci ? ` [${fmt(g.ci[0])}, ${fmt(g.ci[1])}]` : ''}`;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    const permutation = Object.entries(attribution.methods).find(([k]) => k.startsWith('permutation'));
    const p = permutation?.[1].find((x) => x.feature === g.feature);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${g.feature}** — rank ${node.rank}\n\n`);
    md.appendText(`${attribution.method}${attribution.space ? ` (${attribution.space})` : ''}: ${fmt(g.importance)}${g.ci ? `, 95% CI ${fmt(g.ci[0])}–${fmt(g.ci[1])}` : ''}\n\n`);
    md.appendText(p ? `${permutation![0]}: ${fmt(p.importance)}${p.ci ? `, 95% CI ${fmt(p.ci[0])}–${fmt(p.ci[1])}` : ''}` : 'permutation importance: not computed for this model');
    item.tooltip = md;
    return item;
  }
}
