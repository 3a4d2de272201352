/**
 * Messages between the language server and its per-folder language worker (langWorker.ts):
 * a long-lived worker that loads a folder's data and models once and answers the editor's
 * questions about them — the folder's models and data columns, data-only checks of a
 * column that is not a model input yet, and one-row explanations. Plain data only.
 */
import type { ExplainRowResult } from '../../protocol/protocol';
import type { Finding } from '../results/finding';

export interface LangModelInfo {
  readonly name: string;
  readonly modelPath: string;
  readonly train?: string;
  readonly test?: string;
  readonly target?: string;
  /** Declared in modeldiag.json (else from the model, known after analysis). */
  readonly features?: readonly string[];
  readonly sensitive: readonly string[];
  /** Header columns of the data files. */
  readonly columns: readonly string[];
  readonly config?: { readonly file: string; readonly index: number };
}

export interface LangRequests {
  /** The folder's models (discovery with the editor's config texts) and their data columns. */
  describe: { params: { readonly configTexts: Readonly<Record<string, string>> }; result: readonly LangModelInfo[] };
  /** Data-only checks (leak.target, leak.identifier, leak.proxy) of `column` as if it were an input of `model`. */
  checkColumn: { params: { readonly model: string; readonly column: string }; result: readonly Finding[] };
  /** One data row of `data` explained through `model`. */
  explainRow: { params: { readonly model: string; readonly data: string; readonly row: number; readonly method: 'auto' | 'treeshap' | 'exact' | 'kernelshap' }; result: ExplainRowResult };
}

export type LangRequestType = keyof LangRequests;

export interface LangRequest<K extends LangRequestType = LangRequestType> {
  readonly id: number;
  readonly type: K;
  readonly params: LangRequests[K]['params'];
}

export type LangResponse = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** workerData of a language worker. */
export interface LangWorkerData {
  /** Absolute folder path. */
  readonly folder: string;
}
