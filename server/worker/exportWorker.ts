/**
 * The export worker (dist/exportWorker.js): discovers the folder (with the editor's config
 * texts), loads the named model with its data, writes the invariant model and measures the
 * fairness numbers before and after (pipeline/exportInvariantModel.ts). Posts progress, then
 * one result or failure, and exits; the server cancels by terminating it.
 */
import { isAbsolute, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parentPort, workerData } from 'node:worker_threads';
import { gateOrt } from './nativeGate';
import type { ExportInvariantResult } from '../../protocol/protocol';
import { discoverWorkspace } from '../discovery/discoverWorkspace';
import { InputError } from '../loaders/data/loadError';
import { exportInvariantModel } from '../pipeline/exportInvariantModel';
import { loadModelContext } from '../pipeline/loadModelContext';
import type { ExportJob, ExportMessage } from './exportMessages';

const port = parentPort;
if (!port) throw new Error('exportWorker must run in a worker_thread');
const post = (m: ExportMessage): void => port.postMessage(m);

async function run(job: ExportJob): Promise<void> {
  post({ type: 'progress', message: 'finding the model and its data', percentage: 5 });
  const discovery = await discoverWorkspace(job.folder, { configText: (file) => job.configTexts[file] });
  const file = isAbsolute(job.model) ? job.model : resolve(job.folder, job.model);
  const resolved = discovery.models.find((m) => m.name === job.model) ?? discovery.models.find((m) => m.modelPath === file);
  if (!resolved) {
    const names = discovery.models.map((m) => m.name).join(', ') || 'none';
    post({ type: 'failed', kind: 'input', message: `no analysable model "${job.model}" in ${job.folder} (models: ${names}); check the Problems panel for config errors` });
    return;
  }
  post({ type: 'progress', message: `loading ${resolved.name}`, percentage: 20 });
  const context = await loadModelContext(resolved, { allowMissingTarget: true });
  try {
    post({ type: 'progress', message: `marginalising "${job.sensitive}" and measuring the fairness gap`, percentage: 50 });
    const r = await exportInvariantModel({ context, sensitive: job.sensitive, outPath: job.outPath, maxValues: job.maxValues });
    const result: ExportInvariantResult = { outPath: r.outPath, sensitive: r.sensitive, values: r.values, notes: r.notes, evaluatedOn: r.evaluatedOn, before: r.before, after: r.after };
    post({ type: 'result', result });
  } finally {
    await context.evaluator.dispose();
  }
}

// The server cancels through this cell and terminates only between ORT calls (nativeGate.ts).
const exportData = workerData as ExportJob & { readonly nativeGate?: Int32Array };
if (exportData.nativeGate) gateOrt(ort, exportData.nativeGate);
run(exportData).catch((e: unknown) => {
  if (e instanceof InputError) post({ type: 'failed', kind: 'input', message: e.message });
  else post({ type: 'failed', kind: 'internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
