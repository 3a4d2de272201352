/**
 * Messages between the language server (main thread) and the analysis worker
 * (analysisWorker.ts). One worker runs one job and exits; the server cancels a job by
 * terminating its worker. Everything here crosses a structured clone: plain data only.
 */
import type { ConfigIssue } from '../discovery/configFile';
import type { FindingId } from '../results/findingIds';
import type { Finding } from '../results/finding';
import type { ModelReport, ModelSummary } from '../results/report';

/** A model file's content hash, remembered by path, mtime and size so an unchanged file is not hashed again. */
export interface HashMemoEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly sha256: string;
  /** Models only: the external-data files this version of the model reads (contentKey.ts). */
  readonly external?: readonly string[];
}

export type HashMemo = Readonly<Record<string, HashMemoEntry>>;

/** Analyse every model of a folder. */
export interface RunJob {
  readonly type: 'run';
  /** Absolute folder path. */
  readonly folder: string;
  /** modeldiag.json path → the editor's text of it (open documents). */
  readonly configTexts: Readonly<Record<string, string>>;
  /** Content keys the server already holds results for: the worker skips those models. */
  readonly cachedKeys: readonly string[];
  /** Cap on analysis.maxRows (the editor setting). */
  readonly maxRows: number;
  readonly hashMemo: HashMemo;
}

/** Decode one .onnx file's structure (model card). */
export interface SummaryJob {
  readonly type: 'summary';
  readonly path: string;
}

export type WorkerJob = RunJob | SummaryJob;

/** An InputError as data: file, 1-based line/column when known, finding id. */
export interface WireInputError {
  readonly file: string;
  readonly detail: string;
  readonly line?: number;
  readonly column?: number;
  readonly id: FindingId;
  /** 0-based characters on `line` that the error covers (CSV/TSV: the field named by `column`). */
  readonly span?: { readonly start: number; readonly end: number };
}

export interface ConfigResult {
  readonly file: string;
  /** The text the issue offsets refer to (the editor's buffer or the file). */
  readonly text: string;
  readonly issues: readonly ConfigIssue[];
  /** The same issues as findings with 1-based locations (for the report). */
  readonly findings: readonly Finding[];
}

export interface DiscoveredModel {
  readonly name: string;
  readonly modelPath: string;
  /** Content hash of model bytes, data file mtime/size, the resolved entry and settings. */
  readonly key: string;
}

export type ModelOutcome =
  | { readonly kind: 'report'; readonly report: ModelReport }
  | { readonly kind: 'input-error'; readonly error: WireInputError; readonly finding: Finding }
  | { readonly kind: 'internal-error'; readonly message: string };

export type WorkerMessage =
  | {
      readonly type: 'discovered';
      /** REPORT_VERSION of the pipeline (kept out of the server thread, which must not load onnxruntime). */
      readonly reportVersion: string;
      readonly configs: readonly ConfigResult[];
      readonly notes: readonly { readonly file: string; readonly message: string; readonly finding: Finding }[];
      readonly models: readonly DiscoveredModel[];
      readonly hashMemo: HashMemo;
    }
  | { readonly type: 'progress'; readonly message: string; readonly done: number; readonly total: number }
  | { readonly type: 'model'; readonly key: string; readonly outcome: ModelOutcome }
  | { readonly type: 'summary'; readonly summary?: ModelSummary; readonly error?: string }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string; readonly error?: WireInputError };

/** Server → a booted spare worker: its job (a fresh worker gets it in workerData; lsp/warmWorkers.ts). */
export interface JobMessage {
  readonly type: 'job';
  readonly job: WorkerJob;
}
