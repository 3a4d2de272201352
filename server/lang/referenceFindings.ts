import { isAbout, type FolderModel, type ReferenceFinding } from './folderModel';
import type { Finding } from '../results/finding';

/** Data-only findings of a column that is not an input of `model` (held by the server, computed in a worker). */
export type LiveFindings = (model: FolderModel, column: string) => readonly Finding[] | undefined;

/** Is `name` a data column of `model` that the model does not use yet (and not its label)? */
export function isCandidateColumn(model: FolderModel, name: string): boolean {
  return model.columns.includes(name) && !model.features.includes(name) && name !== model.target;
}

/**
 * What a reference to `name` shows, per model in scope: the report's findings about the
 * feature (ignored ones left out), or for a data column that is not an input yet the
 * data-only findings of that column (leak.target, leak.identifier, leak.proxy).
 */
export function referenceFindings(name: string, models: readonly FolderModel[], live: LiveFindings): ReferenceFinding[] {
  const out: ReferenceFinding[] = [];
  for (const model of models) {
    if (model.features.includes(name)) {
      for (const finding of model.report?.findings ?? []) if (!finding.ignored && isAbout(finding, name) && showsInline(finding)) out.push({ model, finding, live: false });
    } else if (isCandidateColumn(model, name)) {
      for (const finding of live(model, name) ?? []) out.push({ model, finding, live: true });
    }
  }
  return out;
}

/**
 * Slices are conjunctions over several features and SliceLine reports many overlapping
 * ones; inline, only the slices raised as warnings appear (the info-level ones stay in the
 * Slices view and the report), so a line of training code is not buried under them.
 */
function showsInline(finding: Finding): boolean {
  return finding.id !== 'jagged.slice' || finding.severity !== 'info';
}

/** The diagnostic message: the finding's own, naming the model when several are in scope, and saying when it is data-only. */
export function referenceMessage(r: ReferenceFinding, name: string, modelsInScope: number): string {
  const where = modelsInScope > 1 ? ` [model ${r.model.name}]` : '';
  const live = r.live ? ` (data-only check: '${name}' is a data column, not an input of model ${r.model.name})` : '';
  return `${r.finding.message}${where}${live}`;
}
