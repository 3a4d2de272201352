import { join, relative, dirname } from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { CommandIds, DIAGNOSTIC_SOURCE, type DeclareExpectationArgs, type IgnoreFindingArgs, type ModelEntryRef, type ReportFocus, type ReportSection } from '../../protocol/protocol';
import { CONFIG_FILE_NAME } from '../discovery/configFile';
import type { FolderModel } from '../lang/folderModel';
import { isReferenceData } from './referenceDiagnostics';
import { pathToUri } from './workspaceFolders';

/** The report section a finding is shown in. */
function sectionOf(id: string): ReportSection {
  if (id.startsWith('jagged.') || id.startsWith('fairness.')) return 'slices';
  if (id.startsWith('explain.')) return 'attribution';
  if (id === 'goodhart.monotonicity' || id === 'goodhart.threshold') return 'shapes';
  return 'leakage';
}

/** Where the model's modeldiag.json entry is, or the entry a zero-config pair needs. */
export function entryRef(folder: string, folderUri: string, model: FolderModel): ModelEntryRef {
  if (model.config) return { folder: folderUri, config: pathToUri(model.config.file), model: model.name, modelIndex: model.config.index };
  const configFile = join(folder, CONFIG_FILE_NAME);
  const rel = (p: string): string => relative(dirname(configFile), p).split('\\').join('/');
  const r = model.report;
  const data = r ? r.data : { test: model.dataPaths[0] ? rel(model.dataPaths[0]) : undefined };
  return {
    folder: folderUri,
    config: pathToUri(configFile),
    model: model.name,
    newEntry: { name: model.name, model: rel(model.modelPath), data, ...(model.target ? { target: model.target } : {}) },
  };
}

/**
 * Quick fixes of a reference diagnostic: open the report there, ignore the finding with a
 * reason (written to modeldiag.json by the client command), and for model inputs declare
 * the expected direction of the feature's effect.
 */
export function codeActions(params: CodeActionParams, folderUri: (folder: string) => string, models: ReadonlyMap<string, readonly FolderModel[]>): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !isReferenceData(d.data)) continue;
    const data = d.data;
    const model = models.get(data.folder)?.find((m) => m.name === data.model);
    if (!model) continue;
    const uri = folderUri(data.folder);
    const focus: ReportFocus = { folder: uri, model: data.model, section: sectionOf(data.id) };
    const entry = entryRef(data.folder, uri, model);
    const ignore: IgnoreFindingArgs = { ...entry, id: data.id, feature: data.feature };
    if (!data.live) out.push({ title: `Open '${data.feature}' in the report (${data.model})`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Open in report', command: CommandIds.openReport, arguments: [focus] } });
    out.push({ title: `Ignore ${data.id} on '${data.feature}' with a reason…`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Ignore with a reason…', command: CommandIds.ignoreFinding, arguments: [ignore] } });
    if (!data.live && !out.some((a) => a.command?.command === CommandIds.declareExpectation && a.title.includes(`'${data.feature}'`))) {
      const expect: DeclareExpectationArgs = { ...entry, feature: data.feature };
      out.push({ title: `Declare the expected direction of '${data.feature}'…`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Declare expected direction…', command: CommandIds.declareExpectation, arguments: [expect] } });
    }
  }
  return out;
}
