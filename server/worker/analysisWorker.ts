/**
 * The analysis worker: runs one job (a folder analysis or a model summary) off the
 * language server's thread, posts typed messages (workerMessages.ts) and is terminated. ONNX
 * inference and every engine computation happen here; the server cancels by terminating.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { InputError } from '../loaders/data/loadError';
import { readInputFile } from '../loaders/fileAccess';
import { summarizeModel } from '../loaders/model/modelSummary';
import { decodeOnnx } from '../loaders/model/onnxProto';
import { gateOrt } from './nativeGate';
import { runFolderJob, wireInputError } from './runFolderJob';
import type { JobMessage, SummaryJob, WorkerJob, WorkerMessage } from './workerMessages';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker_thread');
const post = (m: WorkerMessage): void => port.postMessage(m);

async function run(job: WorkerJob): Promise<void> {
  try {
    if (job.type === 'run') await runFolderJob(job, post);
    else await summary(job);
  } catch (e) {
    if (e instanceof InputError) post({ type: 'failed', message: e.message, error: wireInputError(e) });
    else post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

async function summary(job: SummaryJob): Promise<void> {
  try {
    // The loaders' door: a model over the size limit is refused before it is read into memory.
    post({ type: 'summary', summary: summarizeModel(decodeOnnx(await readInputFile(job.path, 'model', 'model.load'))) });
  } catch (e) {
    post({ type: 'summary', error: e instanceof Error ? e.message : String(e) });
  }
}

// The server cancels through this cell and terminates only between ORT calls (nativeGate.ts).
const data = workerData as { readonly job?: WorkerJob; readonly nativeGate?: Int32Array };
if (data.nativeGate) gateOrt(ort, data.nativeGate);
// A fresh worker gets its job with its data; a booted spare waits for it (lsp/warmWorkers.ts).
if (data.job) void run(data.job);
else port.once('message', (m: JobMessage) => void run(m.job));
