/**
 * Applies modeldiag.json edits computed by server/lang/configEdits.ts as a WorkspaceEdit and
 * saves the file, so the server (which watches it) analyses again at once. A missing
 * config file is created first.
 */
import * as vscode from 'vscode';
import type { Edit } from 'jsonc-parser';

export async function applyConfigEdit(configUri: string, compute: (text: string) => Edit[]): Promise<boolean> {
  const uri = vscode.Uri.parse(configUri);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  for (const e of compute(document.getText())) edit.replace(uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Model Diagnostics: could not edit ${vscode.workspace.asRelativePath(uri)}.`);
    return false;
  }
  await document.save();
  return true;
}

/** Type guard for the ModelEntryRef part of a code action's command args. */
export function isEntryRef(x: unknown): x is { folder: string; config: string; model: string } {
  const a = x as Record<string, unknown> | undefined;
  return typeof a === 'object' && a !== null && typeof a.folder === 'string' && typeof a.config === 'string' && typeof a.model === 'string';
}
