/**
 * The language worker (dist/langWorker.js): one per workspace folder, alive while the
 * folder's models and data are unchanged. It answers the language server's requests
 * (langMessages.ts) off the LSP thread: data-only column checks and row explanations need
 * the data and the model loaded, which happens here once.
 */
import * as ort from 'onnxruntime-node';
import { parentPort, workerData } from 'node:worker_threads';
import { gateOrt } from './nativeGate';
import type { LangRequest, LangResponse, LangWorkerData } from './langMessages';
import { LangWorkerState } from './langWorkerState';

const port = parentPort;
if (!port) throw new Error('langWorker must run in a worker_thread');
const langData = workerData as LangWorkerData & { readonly nativeGate?: Int32Array };
// Row explanations run ORT here: the server terminates only between ORT calls (nativeGate.ts).
if (langData.nativeGate) gateOrt(ort, langData.nativeGate);
const state = new LangWorkerState(langData.folder);

async function answer(req: LangRequest): Promise<unknown> {
  switch (req.type) {
    case 'describe':
      return state.describe(req.params as LangRequest<'describe'>['params']);
    case 'checkColumn':
      return state.checkColumn(req.params as LangRequest<'checkColumn'>['params']);
    case 'explainRow':
      return state.explainRow(req.params as LangRequest<'explainRow'>['params']);
  }
}

port.on('message', (req: LangRequest) => {
  answer(req).then(
    (result) => port.postMessage({ id: req.id, ok: true, result } satisfies LangResponse),
    (e: unknown) => port.postMessage({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies LangResponse),
  );
});
