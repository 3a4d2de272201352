/**
 * `modelDiagnostics.ignoreFinding` (quick fix on a feature diagnostic): asks why the finding
 * is acceptable and adds `{id, feature, reason}` to the model's `ignore` in modeldiag.json
 * (creating the model's entry for a zero-config pair). The server re-analyses on the
 * change and the finding stops showing.
 */
import * as vscode from 'vscode';
import type { IgnoreFindingArgs } from '../../protocol/protocol';
import { ignoreFindingEdits } from '../../server/lang/configEdits';
import { applyConfigEdit, isEntryRef } from './applyConfigEdit';

function isIgnoreArgs(x: unknown): x is IgnoreFindingArgs {
  return isEntryRef(x) && typeof (x as { id?: unknown }).id === 'string';
}

export async function ignoreFinding(arg: unknown): Promise<void> {
  if (!isIgnoreArgs(arg)) {
    void vscode.window.showInformationMessage('Model Diagnostics: use the quick fix on a Model Diagnostics problem to ignore it.');
    return;
  }
  const what = arg.feature ? `${arg.id} on '${arg.feature}'` : arg.id;
  const reason = await vscode.window.showInputBox({
    title: `Ignore ${what} (model ${arg.model})`,
    prompt: 'Why is this acceptable? The reason is written to modeldiag.json next to the rule.',
    placeHolder: 'e.g. known before the decision is made',
    validateInput: (v) => (v.trim() ? undefined : 'A reason is required: it tells the next reader why the finding is ignored.'),
  });
  if (!reason?.trim()) return;
  if (await applyConfigEdit(arg.config, (text) => ignoreFindingEdits(text, arg, reason.trim()))) {
    vscode.window.setStatusBarMessage(`Model Diagnostics: ignoring ${what}`, 5000);
  }
}
