import type { Finding } from '../results/finding';
import type { ModelReport } from '../results/report';

/** What the language service knows of one model of a folder: discovery, data headers and the latest report. */
export interface FolderModel {
  readonly name: string;
  /** Absolute paths. */
  readonly modelPath: string;
  readonly dataPaths: readonly string[];
  /** Model inputs (from the report, else the config); empty when unknown. */
  readonly features: readonly string[];
  /** Columns of the paired data files (their header lines). */
  readonly columns: readonly string[];
  readonly target?: string;
  /** The modeldiag.json entry that declares the model (absent for zero-config pairs). */
  readonly config?: { readonly file: string; readonly index: number };
  readonly report?: ModelReport;
}

/** A finding shown at a reference: from the model's report, or from a data-only check of a column that is not an input yet. */
export interface ReferenceFinding {
  readonly model: FolderModel;
  readonly finding: Finding;
  readonly live: boolean;
}

/** Does `finding` concern `name`? */
export function isAbout(finding: Finding, name: string): boolean {
  return finding.feature === name || (finding.features?.includes(name) ?? false);
}
