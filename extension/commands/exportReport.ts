/** `Model Diagnostics: Export Report…`: format quick pick → save dialog → the CLI formatter's output. */
import * as vscode from 'vscode';
import type { RunningContext } from '../commands';
import { fetchReports } from '../webviews/services';
import { EXPORT_FORMATS, exportReport } from './exportFormats';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export async function exportReportCommand(ctx: RunningContext): Promise<void> {
  const folders = (await fetchReports(ctx.webviews.services)).filter((f) => f.report);
  if (!folders.length) {
    void vscode.window.showInformationMessage('Model Diagnostics: no results to export yet. The report is available once the analysis of a folder has finished.');
    return;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : (await vscode.window.showQuickPick(folders.map((f) => ({ label: vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(f.folder))?.name ?? f.folder, description: `${f.report?.models.length ?? 0} models`, folder: f })), { title: 'Export the report of which folder?' }))?.folder;
  if (!folder?.report) return;
  const pick = await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f })), { title: 'Export Model Diagnostics report as' });
  if (!pick) return;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(folder.folder), `model-diagnostics-report.${pick.format.extension}`),
    filters: { [pick.format.label]: [pick.format.extension] },
    saveLabel: 'Export',
    title: `Export report as ${pick.format.label}`,
  });
  if (!target) return;
  const text = exportReport(folder.report, pick.format.format, VERSION);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  ctx.output.appendLine(`report exported to ${target.fsPath} (${pick.format.label}, ${text.length} characters)`);
  const open = await vscode.window.showInformationMessage(`Model Diagnostics: report exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.commands.executeCommand('vscode.open', target);
}
