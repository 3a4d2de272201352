import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { ExportInvariantRequest, type ExportInvariantParams, type ExportInvariantResult } from '../../protocol/protocol';
import type { ExportJob, ExportMessage } from '../worker/exportMessages';
import { closeGate, createGateCell } from '../worker/nativeGate';
import type { ConfigDocuments } from './configDocuments';
import { onRequest } from './typedConnection';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

export interface ExportInvariantDeps {
  readonly connection: Connection;
  readonly folders: WorkspaceFolders;
  readonly documents: ConfigDocuments;
  /** dist/analysisWorker.js: the export worker is its sibling dist/exportWorker.js. */
  readonly workerPath: string;
}

/**
 * `modelDiagnostics/exportInvariantModel`: runs the export in a worker (ORT inference and the
 * graph rewrite never block the server), reports work-done progress under the client's token
 * and stops the worker when the request is cancelled.
 */
export function registerExportInvariant({ connection, folders, documents, workerPath }: ExportInvariantDeps): void {
  onRequest(connection, ExportInvariantRequest, async (params, token) => {
    const folder = uriToPath(params.folder);
    const out = uriToPath(params.out);
    if (!folder || !folders.paths().includes(folder)) throw new ResponseError(ErrorCodes.InvalidParams, `not a workspace folder: ${params.folder}`);
    if (!out) throw new ResponseError(ErrorCodes.InvalidParams, `the output must be a file URI, not ${params.out}`);
    const job: ExportJob = { folder, configTexts: documents.texts(folder), model: params.model, sensitive: params.sensitive, outPath: out, maxValues: params.maxValues };
    const progress = await progressFor(connection, params);
    progress.begin('Export invariant model', 0, `${params.model}: ${params.sensitive}`, true);
    try {
      return await runExportJob(join(dirname(workerPath), 'exportWorker.js'), job, token, (m) => progress.report(m.percentage, m.message));
    } finally {
      progress.done();
    }
  });
}

async function progressFor(connection: Connection, params: ExportInvariantParams): Promise<WorkDoneProgressReporter> {
  if (params.workDoneToken !== undefined) return connection.window.attachWorkDoneProgress(params.workDoneToken);
  return connection.window.createWorkDoneProgress().catch(() => connection.window.attachWorkDoneProgress(undefined));
}

/** One export in a fresh worker; settles with its result, or a ResponseError naming what went wrong. */
export function runExportJob(
  path: string,
  job: ExportJob,
  token: CancellationToken,
  onProgress: (m: Extract<ExportMessage, { type: 'progress' }>) => void,
): Promise<ExportInvariantResult> {
  return new Promise<ExportInvariantResult>((resolve, reject) => {
    const gate = createGateCell();
    const worker = new Worker(path, { workerData: { ...job, nativeGate: gate } });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      // Terminating during an ORT call aborts the whole server: wait until none is in flight.
      void closeGate(gate).then(() => worker.terminate());
      f();
    };
    const subscription = token.onCancellationRequested(() => settle(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'export cancelled'))));
    worker.on('message', (m: ExportMessage) => {
      if (settled) return;
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'result') settle(() => resolve(m.result));
      else settle(() => reject(new ResponseError(m.kind === 'input' ? ErrorCodes.InvalidParams : ErrorCodes.InternalError, m.message)));
    });
    worker.on('error', (e: Error) => settle(() => reject(new ResponseError(ErrorCodes.InternalError, e.stack ?? e.message))));
    worker.on('exit', (code) => settle(() => reject(new ResponseError(ErrorCodes.InternalError, `the export worker exited with code ${code} before answering`))));
  });
}
