/**
 * `modelDiagnostics.explainRow` {uri, row, model?}: asks the server for a local explanation
 * (modelDiagnostics/explainRow) and shows it as a waterfall. From the palette it explains the
 * row under the cursor of the active data file.
 */
import * as vscode from 'vscode';
import { ExplainRowRequest, type ExplainRowParams, type ExplainRowResult } from '../../protocol/protocol';
import type { RunningContext } from '../commands';

const DATA_FILE = /\.(csv|tsv|txt|parquet)$/i;

/** The command's argument checked field by field; undefined when it is not usable. */
export function asExplainParams(arg: unknown): ExplainRowParams | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const uri = a.uri instanceof vscode.Uri ? a.uri.toString() : typeof a.uri === 'string' ? a.uri : undefined;
  const row = typeof a.row === 'number' && Number.isInteger(a.row) && a.row >= 0 ? a.row : undefined;
  if (!uri || row === undefined) return undefined;
  return { uri, row, ...(typeof a.model === 'string' && a.model ? { model: a.model } : {}) };
}

/** From the palette: the active data file, and the row under the cursor (confirmed in an input box). */
async function fromEditor(): Promise<ExplainRowParams | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!editor || !doc || !DATA_FILE.test(doc.uri.path)) {
    void vscode.window.showWarningMessage('Model Diagnostics: open a CSV/TSV data file that a model is paired with, put the cursor on a row, and run Explain Row again.');
    return undefined;
  }
  const guess = Math.max(0, editor.selection.active.line - 1);
  const text = await vscode.window.showInputBox({
    title: 'Explain row',
    prompt: `0-based data row of ${vscode.workspace.asRelativePath(doc.uri)} (the line number minus the header line, minus 1)`,
    value: String(guess),
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'a row number: 0, 1, 2, …'),
  });
  return text === undefined ? undefined : { uri: doc.uri.toString(), row: Number(text.trim()) };
}

export async function explainRow(ctx: RunningContext, arg: unknown): Promise<void> {
  const params = asExplainParams(arg) ?? (await fromEditor());
  if (!params) return;
  let result: ExplainRowResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Model Diagnostics: explaining row ${params.row}…`, cancellable: true },
      (_p, token) => ctx.client.sendRequest<ExplainRowResult>(ExplainRowRequest.method, params, token),
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.output.appendLine(`explain row ${params.row} of ${params.uri}: ${message}`);
    void vscode.window.showErrorMessage(`Model Diagnostics: could not explain row ${params.row}: ${message}`);
    return;
  }
  ctx.webviews.waterfalls.show(result);
}
