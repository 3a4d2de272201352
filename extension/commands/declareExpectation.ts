/**
 * `modelDiagnostics.declareExpectation` (quick fix on a feature diagnostic): asks whether
 * the prediction should rise or fall with the feature and writes it to the model's `expect`
 * in modeldiag.json; the analysis then checks the shape curve against it
 * (goodhart.monotonicity, goodhart.counterintuitive).
 */
import * as vscode from 'vscode';
import type { DeclareExpectationArgs } from '../../protocol/protocol';
import { declareExpectationEdits } from '../../server/lang/configEdits';
import { applyConfigEdit, isEntryRef } from './applyConfigEdit';

function isExpectationArgs(x: unknown): x is DeclareExpectationArgs {
  return isEntryRef(x) && typeof (x as { feature?: unknown }).feature === 'string';
}

export async function declareExpectation(arg: unknown): Promise<void> {
  if (!isExpectationArgs(arg)) {
    void vscode.window.showInformationMessage('Model Diagnostics: use the quick fix on a feature problem to declare its expected direction.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'increasing', description: `the prediction should rise with ${arg.feature}` },
      { label: 'decreasing', description: `the prediction should fall as ${arg.feature} rises` },
    ] as const,
    { title: `Expected effect of '${arg.feature}' (model ${arg.model})` },
  );
  if (!picked) return;
  if (await applyConfigEdit(arg.config, (text) => declareExpectationEdits(text, arg, picked.label))) {
    vscode.window.setStatusBarMessage(`Model Diagnostics: expecting ${arg.feature} ${picked.label}`, 5000);
  }
}
