/**
 * Files changed under a running analysis (issue 8), on the built server with a real model:
 * pima's random forest on 20 000 replicated rows per split, so one run takes seconds. While the
 * model is being analysed the test (a) rewrites the test data, (b) deletes it, (c) truncates
 * the .onnx and then restores it, and sends the watcher event an editor would. Each time the
 * stale run must be cancelled (its worker exits: probe counts) and the next run's diagnostics
 * and report must describe the files as they are now. Prints the change→cancel times.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { ReportRequest, type ReportResult, type StatusParams } from '../../protocol/protocol';
import { PROBE_METHOD, type ProbeResult } from '../../server/lsp/probe';
import { fixturePath } from '../helpers/fixtures';
import { fileUri, startTestClient, type TestClient } from './lspClient';

const ROWS = 20_000;
const CONFIG = JSON.stringify({ models: [{ name: 'rf', model: 'model.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target' }] });
/** A stage of the model's analysis (after discovery and loading): the run is well under way. */
const MID_RUN = /: (predicting|explaining) rf/;
const RUN_MS = 120_000;

/** pima's split replicated to ROWS rows; `flip` inverts every label (accuracy becomes 1 − accuracy). */
function writeSplit(ws: string, split: 'train' | 'test', flip = false): void {
  const [header, ...rows] = readFileSync(fixturePath('real', 'pima', `${split}.csv`), 'utf8').trim().split('\n');
  const out = [header];
  for (let i = 0; i < ROWS; i++) {
    const row = rows[i % rows.length];
    out.push(flip ? row.replace(/,([01])$/, (_, y: string) => `,${1 - Number(y)}`) : row);
  }
  writeFileSync(join(ws, `${split}.csv`), `${out.join('\n')}\n`);
}

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'modeldiag-midrun-'));
  copyFileSync(fixturePath('real', 'pima', 'rf.onnx'), join(ws, 'model.onnx'));
  chmodSync(join(ws, 'model.onnx'), 0o644); // the fixtures are read-only; the test rewrites the copy
  writeSplit(ws, 'train');
  writeSplit(ws, 'test');
  writeFileSync(join(ws, 'modeldiag.json'), CONFIG);
  return ws;
}

const clients: TestClient[] = [];
const folders: string[] = [];
after(async () => {
  for (const c of clients) await c.stop().catch(() => undefined);
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

async function start(): Promise<{ ws: string; client: TestClient }> {
  const ws = workspace();
  folders.push(ws);
  const client = await startTestClient(ws, { env: { MODELDIAG_PROBE: '1' } });
  clients.push(client);
  return { ws, client };
}

const probe = (c: TestClient): Promise<ProbeResult> => c.connection.sendRequest(PROBE_METHOD, {});

/** The first status after index `from` that satisfies `check`. */
function statusAfter(c: TestClient, from: number, what: string, check: (s: StatusParams) => boolean, timeoutMs = RUN_MS): Promise<StatusParams> {
  return c.waitFor(what, () => c.statuses.slice(from).find(check), timeoutMs);
}

const settled = (s: StatusParams): boolean => s.state !== 'analysing';

/**
 * Waits until the run is mid-analysis, applies `change` and sends its watcher event; resolves
 * once the stale run's worker has exited and the next run has started, with the times from
 * the watcher event to the cancellation, to the stale worker's exit and to the next run.
 */
async function changeMidRun(c: TestClient, ws: string, file: string, type: 1 | 2 | 3, change: () => void): Promise<{ cancelMs: number; exitMs: number; restartMs: number; from: number }> {
  await statusAfter(c, 0, 'the first run to be mid-analysis', (s) => s.state === 'analysing' && MID_RUN.test(s.message));
  const before = await probe(c);
  const from = c.statuses.length;
  change();
  const t0 = performance.now();
  await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(ws, file)), type }] });
  const gone = await waitForProbe(c, 'the stale worker to exit', (p) => p.jobs.cancelled > before.jobs.cancelled);
  const exitMs = performance.now() - t0; // within one poll of the exit
  assert.equal(gone.jobs.cancelled, before.jobs.cancelled + 1, 'exactly one run was cancelled');
  // A new run announces itself with "analysing <folder>" once the debounce has passed.
  await statusAfter(c, from, 'a new run', (s) => s.message === `analysing ${basename(ws)}`, 30_000);
  const restartMs = performance.now() - t0;
  return { cancelMs: exitMs - gone.jobs.goneMs[gone.jobs.goneMs.length - 1], exitMs, restartMs, from };
}

/** Polls the probe (it is a request, not a notification) until `check` holds. */
async function waitForProbe(c: TestClient, what: string, check: (p: ProbeResult) => boolean, timeoutMs = 30_000): Promise<ProbeResult> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const p = await probe(c);
    if (check(p)) return p;
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(p.jobs)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every analysis worker the server started has exited. */
async function noWorkerLeft(c: TestClient): Promise<void> {
  const p = await waitForProbe(c, 'every worker to exit', (x) => x.jobs.gone === x.jobs.started);
  assert.ok(p.jobs.started >= 2, `workers started: ${p.jobs.started}`);
}

async function report(c: TestClient): Promise<ReportResult['folders'][number]['report']> {
  const r: ReportResult = await c.connection.sendRequest(ReportRequest.method, {});
  return r.folders[0]?.report;
}

const codes = (c: TestClient, uri: string): string[] => (c.diagnostics.get(uri) ?? []).map((d) => String(d.code));
const times: string[] = [];
const timing = (what: string, t: { cancelMs: number; exitMs: number; restartMs: number }): void =>
  void times.push(`${what}: cancelled ≤${t.cancelMs.toFixed(0)} ms, worker exited ${t.exitMs.toFixed(0)} ms, next run ${t.restartMs.toFixed(0)} ms`);
after(() => console.log(`after the watcher event: ${times.join('; ')}`));

test('data rewritten mid-run: the stale run is cancelled and the report describes the new data', async () => {
  const { ws, client } = await start();
  const t = await changeMidRun(client, ws, 'test.csv', 2, () => writeSplit(ws, 'test', true));
  timing('rewrite', t);
  const done = await statusAfter(client, t.from, 'the new run to finish', settled);
  assert.equal(done.state, 'ready', done.message);
  const accuracy = (await report(client))?.models[0]?.metrics.test?.accuracy;
  // pima's forest is right on ~77% of the test rows; with every label flipped it is right on ~23%.
  assert.ok(typeof accuracy === 'number' && accuracy < 0.5, `test accuracy on the flipped labels: ${JSON.stringify(accuracy)}`);
  await noWorkerLeft(client);
});

test('data deleted mid-run: the run ends with a missing-file diagnostic, no crash, no worker left', async () => {
  const { ws, client } = await start();
  const t = await changeMidRun(client, ws, 'test.csv', 3, () => unlinkSync(join(ws, 'test.csv')));
  timing('delete', t);
  const done = await statusAfter(client, t.from, 'the new run to finish', settled);
  assert.doesNotMatch(done.message, /analysis failed|worker/, 'the run ended normally, not in a worker failure');
  const config = fileUri(join(ws, 'modeldiag.json'));
  const missing = (client.diagnostics.get(config) ?? []).find((d) => d.code === 'config.missing-file');
  assert.ok(missing, `modeldiag.json diagnostics: ${codes(client, config).join(', ')}`);
  assert.match(String(missing.message), /test\.csv/);
  assert.ok(await report(client), 'the server still answers with a report');
  await noWorkerLeft(client);
});

test('model truncated mid-run: a model.load diagnostic; restored: the diagnostics recover', async () => {
  const { ws, client } = await start();
  const model = join(ws, 'model.onnx');
  const bytes = readFileSync(model);
  const t = await changeMidRun(client, ws, 'model.onnx', 2, () => writeFileSync(model, bytes.subarray(0, bytes.length >> 1)));
  timing('truncate', t);
  const modelUri = fileUri(model);
  const load = await client.waitFor('a model.load diagnostic on the truncated model', () => client.diagnostics.get(modelUri)?.find((d) => d.code === 'model.load'), RUN_MS);
  assert.match(String(load.message), /not a valid ONNX model|truncated/);
  const failed = await statusAfter(client, t.from, 'the run on the truncated model to finish', settled);
  assert.doesNotMatch(failed.message, /analysis failed/);

  const from = client.statuses.length;
  writeFileSync(model, bytes);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: modelUri, type: 2 }] });
  const done = await statusAfter(client, from, 'the run on the restored model to finish', settled);
  assert.equal(done.state, 'ready', done.message);
  assert.deepEqual(codes(client, modelUri).filter((c) => c === 'model.load'), [], 'the model.load diagnostic is withdrawn');
  const accuracy = (await report(client))?.models[0]?.metrics.test?.accuracy;
  assert.ok(typeof accuracy === 'number' && accuracy > 0.7, `test accuracy after the restore: ${JSON.stringify(accuracy)}`);
  await noWorkerLeft(client);
});
