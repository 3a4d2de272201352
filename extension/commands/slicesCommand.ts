/**
 * `Model Diagnostics: Add Slice as Regression Test` (slice context menu, or the palette with
 * a quick pick): writes the slice with a maximum for its metric into the model's entry in
 * modeldiag.json (creating the entry for a zero-config model), saves the file, and the next
 * analysis re-evaluates it (server/pipeline/savedSlicesStage.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { ReportRequest, type ReportParams, type ReportResult } from '../../protocol/protocol';
import type { LanguageClient } from 'vscode-languageclient/node';
import { metricText, sliceLabel, slicesOf } from '../views/reportShapes';
import type { ModelEntry } from '../views/reportStore';
import type { SliceRef } from '../views/slicesTree';
import { addSavedSliceEdits, findModelEntry, NEW_CONFIG_TEXT, sliceMaxValue, type ModelRef } from './slicesConfigEdit';

const EXCLUDE = '**/{node_modules,.git,.venv,venv,dist,out}/**';

export async function addSliceAsTest(client: LanguageClient, arg: unknown): Promise<void> {
  const ref = isSliceRef(arg) ? arg : await pickSlice(client);
  if (!ref) return;
  const { slice, model } = ref;
  const name = await vscode.window.showInputBox({
    title: 'Add Slice as Regression Test',
    prompt: `Name of the saved slice (${slice.metric} must stay ≤ the maximum written with it)`,
    value: sliceLabel(slice.predicates),
    validateInput: (v) => (v.trim() ? undefined : 'give the test a name'),
  });
  if (name === undefined) return;
  const modelRef: ModelRef = { root: model.root, name: model.report.name, model: model.report.model, data: model.report.data, target: model.report.target };
  const configUri = await configFor(modelRef);
  const document = await vscode.workspace.openTextDocument(configUri);
  const maxValue = sliceMaxValue(slice.value, slice.ci);
  const saved = { name: name.trim(), predicates: slice.predicates, metric: slice.metric, maxValue };
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const formatting = { insertSpaces: editor ? editor.options.insertSpaces !== false : true, tabSize: typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2 };
  const edits = addSavedSliceEdits(configUri.fsPath, document.getText(), modelRef, saved, formatting);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(configUri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Model Diagnostics: could not edit ${vscode.workspace.asRelativePath(configUri)}.`);
    return;
  }
  await document.save(); // the analysis reads saved slices from the file: re-evaluated right away
  const shown = await vscode.window.showTextDocument(document, { preview: false });
  const range = savedRange(document, configUri.fsPath, modelRef);
  if (range) {
    shown.selection = new vscode.Selection(range.start, range.end);
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  void vscode.window.showInformationMessage(
    `Model Diagnostics: saved "${saved.name}" as a regression test of ${model.report.name}: ${slice.metric} must stay ≤ ${metricText(slice.metric, maxValue)} (now ${metricText(slice.metric, slice.value)}).`,
  );
}

function isSliceRef(x: unknown): x is SliceRef {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'slice';
}

async function pickSlice(client: LanguageClient): Promise<SliceRef | undefined> {
  const params: ReportParams = {};
  const result = await client.sendRequest<ReportResult>(ReportRequest.method, params);
  const models: ModelEntry[] = result.folders.flatMap((f) => (f.report ? f.report.models.map((report) => ({ folder: f.folder, root: f.report!.root, report })) : []));
  const items = models.flatMap((model) =>
    slicesOf(model.report).map((slice) => ({
      label: sliceLabel(slice.predicates),
      description: `${model.report.name} · ${slice.metric} ${metricText(slice.metric, slice.value)} vs ${metricText(slice.metric, slice.baseline)} · ${slice.size} rows`,
      ref: { kind: 'slice', model, slice } satisfies SliceRef,
    })),
  );
  if (!items.length) {
    void vscode.window.showInformationMessage('Model Diagnostics: no slices yet: the analysis has not found any (or has not finished).');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Add Slice as Regression Test', placeHolder: 'Slice to keep an eye on', matchOnDescription: true }))?.ref;
}

/** The modeldiag.json holding the model's entry; else the folder's own (created when missing). */
async function configFor(model: ModelRef): Promise<vscode.Uri> {
  const configs = await vscode.workspace.findFiles(new vscode.RelativePattern(model.root, '**/modeldiag.json'), EXCLUDE, 50);
  for (const uri of configs) {
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    if (findModelEntry(uri.fsPath, text, model) >= 0) return uri;
  }
  const own = vscode.Uri.file(path.join(model.root, 'modeldiag.json'));
  if (!configs.some((u) => u.fsPath === own.fsPath)) await vscode.workspace.fs.writeFile(own, new TextEncoder().encode(NEW_CONFIG_TEXT));
  return own;
}

/** The range of the model's last saved slice (the one just added). */
function savedRange(document: vscode.TextDocument, file: string, model: ModelRef): vscode.Range | undefined {
  const text = document.getText();
  const index = findModelEntry(file, text, model);
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const slices = tree && index >= 0 ? findNodeAtLocation(tree, ['models', index, 'slices']) : undefined;
  const last = slices?.children?.[slices.children.length - 1];
  return last ? new vscode.Range(document.positionAt(last.offset), document.positionAt(last.offset + last.length)) : undefined;
}
