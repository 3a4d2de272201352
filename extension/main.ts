/**
 * Extension entry (dist/extension.js). Activation: on startup finished and in workspaces
 * with .onnx files or a modeldiag.json. In Restricted Mode nothing is loaded or run: the
 * language server starts only once the workspace is trusted.
 */
import * as vscode from 'vscode';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const c = new Ctx(context);
  ctx = c;
  if (vscode.workspace.isTrusted) {
    await c.start();
  } else {
    c.restricted();
    c.pushExtCleanup(vscode.workspace.onDidGrantWorkspaceTrust(() => void c.start()));
  }
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
