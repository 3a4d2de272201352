/**
 * Messages of the export worker (exportWorker.ts): one `Export Invariant Model` job, run
 * off the language server's thread. Plain data only (structured clone).
 */
import type { ExportInvariantResult } from '../../protocol/protocol';

export interface ExportJob {
  /** Absolute folder path. */
  readonly folder: string;
  /** modeldiag.json path → the editor's text of it (open documents). */
  readonly configTexts: Readonly<Record<string, string>>;
  /** Model name, or its file relative to the folder (or absolute). */
  readonly model: string;
  readonly sensitive: string;
  /** Absolute path of the .onnx file to write. */
  readonly outPath: string;
  readonly maxValues?: number;
}

export type ExportMessage =
  | { readonly type: 'progress'; readonly message: string; readonly percentage: number }
  | { readonly type: 'result'; readonly result: ExportInvariantResult }
  /** `input`: the user's inputs cannot be exported (not an input, no data); `internal`: a bug. */
  | { readonly type: 'failed'; readonly kind: 'input' | 'internal'; readonly message: string };
