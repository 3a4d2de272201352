import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, findingDocUrl } from '../../protocol/protocol';
import type { FolderModel } from '../lang/folderModel';
import { modelsOfReference } from '../lang/modelScope';
import { isCandidateColumn, referenceFindings, referenceMessage } from '../lang/referenceFindings';
import type { Reference } from '../lang/types';
import type { Severity } from '../results/finding';
import type { ColumnStatsCache } from './columnStatsCache';
import type { DocumentReferences } from './documentReferences';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a reference diagnostic carries for its code actions (Diagnostic.data). */
export interface ReferenceDiagnosticData {
  readonly folder: string;
  readonly model: string;
  readonly feature: string;
  readonly id: string;
  /** A data-only finding of a column that is not a model input. */
  readonly live: boolean;
}

export function isReferenceData(x: unknown): x is ReferenceDiagnosticData {
  const d = x as Partial<ReferenceDiagnosticData> | undefined;
  return typeof d === 'object' && d !== null && typeof d.folder === 'string' && typeof d.model === 'string' && typeof d.feature === 'string' && typeof d.id === 'string';
}

/** The models a reference in this document concerns. */
export function referenceModels(doc: DocumentReferences, ref: Reference): readonly FolderModel[] {
  return modelsOfReference(ref, doc.path, doc.inScope, doc.all);
}

/**
 * Diagnostics at every reference: the findings about that feature (severity, id with its
 * documentation link, message) and, for data columns that are not inputs yet, the data-only
 * findings — computed in the folder's language worker the first time a column is named
 * (awaited here: the pull request waits, the LSP thread does not).
 */
export async function referenceDiagnostics(doc: DocumentReferences, stats: ColumnStatsCache): Promise<Diagnostic[]> {
  const wanted: Promise<unknown>[] = [];
  for (const ref of doc.refs) {
    for (const m of referenceModels(doc, ref)) if (isCandidateColumn(m, ref.name)) wanted.push(stats.ensure(doc.folder, m.name, ref.name));
  }
  await Promise.all(wanted);
  const out: Diagnostic[] = [];
  for (const ref of doc.refs) {
    const models = referenceModels(doc, ref);
    const found = referenceFindings(ref.name, models, (m, column) => stats.held(doc.folder, m.name, column));
    const range = { start: doc.document.positionAt(ref.start), end: doc.document.positionAt(ref.end) };
    for (const r of found) {
      const data: ReferenceDiagnosticData = { folder: doc.folder, model: r.model.name, feature: ref.name, id: r.finding.id, live: r.live };
      out.push({
        range,
        severity: SEVERITY[r.finding.severity],
        source: DIAGNOSTIC_SOURCE,
        code: r.finding.id,
        codeDescription: { href: findingDocUrl(r.finding.id) },
        message: referenceMessage(r, ref.name, models.length),
        data,
      });
    }
  }
  return out;
}
