/**
 * `Model Diagnostics: Export Invariant Model`: pick a model and one of its inputs (sensitive
 * attributes first), a file to write, then the server exports it in a worker
 * (`modelDiagnostics/exportInvariantModel`) while a cancellable notification shows its
 * progress; the answer's fairness gap before/after is shown with a way to open the report.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { CommandIds, ExportInvariantRequest, ReportRequest, type ExportInvariantParams, type ExportInvariantResult, type ReportFocus, type ReportParams, type ReportResult, type WireFairnessNumbers } from '../../protocol/protocol';
import { attributionOf, fmt } from '../views/reportShapes';
import type { ModelEntry } from '../views/reportStore';
import { findModelEntry } from './slicesConfigEdit';

export async function exportInvariantModel(client: LanguageClient): Promise<void> {
  const model = await pickModel(client);
  if (!model) return;
  const sensitive = await pickInput(model);
  if (!sensitive) return;
  const modelFile = path.join(model.root, model.report.model);
  const target = await vscode.window.showSaveDialog({
    title: `Export ${model.report.name} invariant to "${sensitive}"`,
    defaultUri: vscode.Uri.file(path.join(path.dirname(modelFile), `${path.basename(modelFile, '.onnx')}.invariant-${sensitive.replace(/[^\w.-]+/g, '_')}.onnx`)),
    filters: { 'ONNX model': ['onnx'] },
  });
  if (!target) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting ${model.report.name} without "${sensitive}"`, cancellable: true },
    async (progress, cancel) => {
      const token = `modelDiagnostics/export/${randomUUID()}`;
      let last = 0;
      const sub = client.onProgress(WorkDoneProgress.type, token, (v) => {
        if (v.kind === 'end') return;
        const pct = (v as WorkDoneProgressBegin | WorkDoneProgressReport).percentage;
        progress.report({ message: v.message, increment: pct !== undefined && pct > last ? pct - last : undefined });
        if (pct !== undefined) last = Math.max(last, pct);
      });
      try {
        const params: ExportInvariantParams = { folder: model.folder, model: model.report.name, sensitive, out: target.toString(), workDoneToken: token };
        return await client.sendRequest<ExportInvariantResult>(ExportInvariantRequest.method, params, cancel);
      } catch (e) {
        if (!cancel.isCancellationRequested) void vscode.window.showErrorMessage(`Model Diagnostics: export failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
  if (result) await announce(model, result);
}

async function pickModel(client: LanguageClient): Promise<ModelEntry | undefined> {
  const params: ReportParams = {};
  const result = await client.sendRequest<ReportResult>(ReportRequest.method, params);
  const models: ModelEntry[] = result.folders.flatMap((f) => (f.report ? f.report.models.map((report) => ({ folder: f.folder, root: f.report!.root, report })) : []));
  if (!models.length) {
    void vscode.window.showInformationMessage('Model Diagnostics: no analysed model yet: wait for the analysis to finish (status bar), or check the Problems panel.');
    return undefined;
  }
  if (models.length === 1) return models[0];
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.report.name, description: m.report.model, model: m })),
    { title: 'Export Invariant Model (1/3): model' },
  );
  return picked?.model;
}

async function pickInput(model: ModelEntry): Promise<string | undefined> {
  const declared = await declaredSensitive(model);
  const flagged = new Set(model.report.findings.filter((f) => f.id === 'fairness.gap' || f.id === 'leak.proxy').flatMap((f) => [f.feature, ...(f.features ?? [])]).filter((x): x is string => !!x));
  const importance = new Map((attributionOf(model.report)?.global ?? []).map((g) => [g.feature, g.importance]));
  const rank = (f: string) => (declared.has(f) ? 0 : flagged.has(f) ? 1 : 2);
  const inputs = [...model.report.features].sort((a, b) => rank(a) - rank(b) || (importance.get(b) ?? 0) - (importance.get(a) ?? 0));
  const picked = await vscode.window.showQuickPick(
    inputs.map((f) => ({
      label: f,
      description: declared.has(f) ? '$(shield) sensitive (modeldiag.json)' : flagged.has(f) ? '$(warning) in a fairness/proxy finding' : undefined,
      detail: importance.has(f) ? `importance ${fmt(importance.get(f))}` : undefined,
    })),
    { title: 'Export Invariant Model (2/3): input to marginalise', placeHolder: 'The exported model averages its prediction over this input\'s observed values' },
  );
  return picked?.label;
}

/** `sensitive` of the model's entry in a modeldiag.json under its folder. */
async function declaredSensitive(model: ModelEntry): Promise<Set<string>> {
  const ref = { root: model.root, name: model.report.name, model: model.report.model, data: model.report.data, target: model.report.target };
  for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(model.root, '**/modeldiag.json'), '**/node_modules/**', 50)) {
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const index = findModelEntry(uri.fsPath, text, ref);
    const tree = index >= 0 ? parseTree(text, [], { allowTrailingComma: true }) : undefined;
    const node = tree && findNodeAtLocation(tree, ['models', index, 'sensitive']);
    const v: unknown = node ? getNodeValue(node) : undefined;
    if (Array.isArray(v)) return new Set(v.filter((x): x is string => typeof x === 'string'));
  }
  return new Set();
}

async function announce(model: ModelEntry, r: ExportInvariantResult): Promise<void> {
  const gap = (n: WireFairnessNumbers) => fmt(n.meanScoreDifference);
  const flips = r.before.flipRate !== undefined ? `; counterfactual flip rate ${pct(r.before.flipRate)} → ${pct(r.after.flipRate ?? 0)}` : '';
  const parity = r.before.demographicParityDifference !== undefined ? `; parity gap ${pct(r.before.demographicParityDifference)} → ${pct(r.after.demographicParityDifference ?? 0)}` : '';
  const choice = await vscode.window.showInformationMessage(
    `Model Diagnostics: wrote ${path.basename(r.outPath)} (averaged over ${r.values} values of "${r.sensitive}"). On ${r.evaluatedOn}: mean score gap ${gap(r.before)} → ${gap(r.after)}${parity}${flips}.`,
    'Open Report',
    'Reveal File',
  );
  if (choice === 'Reveal File') await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(r.outPath));
  if (choice === 'Open Report') {
    if (!(await vscode.commands.getCommands(true)).includes(CommandIds.openReport)) {
      void vscode.window.showInformationMessage('Model Diagnostics: the report view is not available in this build.');
      return;
    }
    const focus: ReportFocus = { folder: model.folder, model: model.report.name, section: 'overview' };
    await vscode.commands.executeCommand(CommandIds.openReport, focus);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
