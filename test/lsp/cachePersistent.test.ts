/**
 * Results persist in the extension's storage (initializationOptions.storagePath): a second
 * server on the same folder shows the stored report at once — its first status is "ready"
 * from disk, before any "analysing" — and its run analyses only the model whose inputs
 * changed while it was down. Keys hash the data's bytes: the same bytes with a new mtime are a hit.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ReportRequest, type ReportResult } from '../../protocol/protocol';
import { fixturePath } from '../helpers/fixtures';
import { startTestClient, type TestClient } from './lspClient';

const config = (xgbSeedTarget: string): string =>
  JSON.stringify({
    models: [
      { name: 'logreg', model: 'logreg.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target' },
      { name: 'xgb', model: 'xgb.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target', sensitive: [xgbSeedTarget] },
    ],
  });

let ws: string;
let storage: string;
const clients: TestClient[] = [];
const start = async (): Promise<TestClient> => {
  const c = await startTestClient(ws, { initializationOptions: { storagePath: storage } });
  clients.push(c);
  return c;
};
const summaryLog = (c: TestClient): Promise<string> => c.waitFor('run summary in the log', () => c.logs.find((l) => /analysed, \d+ cached/.test(l)), 120_000);

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'modeldiag-cache-ws-'));
  storage = mkdtempSync(join(tmpdir(), 'modeldiag-cache-store-'));
  for (const f of ['logreg.onnx', 'xgb.onnx', 'train.csv', 'test.csv']) copyFileSync(fixturePath('real', 'pima', f), join(ws, f));
  writeFileSync(join(ws, 'modeldiag.json'), config('age'));
});

after(async () => {
  for (const c of clients) await c.stop().catch(() => undefined);
  rmSync(ws, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
});

test('a first server analyses both models and stores the results by content key', async () => {
  const c = await start();
  assert.match(await summaryLog(c), /\(2 analysed, 0 cached/);
  await c.stop();
  assert.equal(readdirSync(join(storage, 'analysis-cache', 'v1', 'outcomes')).filter((n) => n.endsWith('.json')).length, 2);
});

test('a second server answers the report from disk before any worker runs, then analyses nothing', async () => {
  const c = await start();
  const first = await c.waitFor('first status', () => c.statuses[0]);
  assert.equal(first.state, 'ready', `first status ${JSON.stringify(first)}`);
  assert.match(first.message, /stored results/);
  const report: ReportResult = await c.connection.sendRequest(ReportRequest.method, {});
  assert.deepEqual(report.folders[0].report?.models.map((m) => m.name), ['logreg', 'xgb']);
  assert.match(await summaryLog(c), /\(0 analysed, 2 cached/);
  await c.stop();
});

test('after a change while closed, only the changed model is analysed again', async () => {
  writeFileSync(join(ws, 'modeldiag.json'), config('pregnant'));
  const c = await start();
  assert.equal((await c.waitFor('first status', () => c.statuses[0])).state, 'ready');
  assert.match(await summaryLog(c), /\(1 analysed, 1 cached/);
  const report: ReportResult = await c.connection.sendRequest(ReportRequest.method, {});
  assert.equal(report.folders[0].report?.models.length, 2);
  await c.stop();
});

test('data rewritten with the same bytes (a checkout there and back) is a cache hit; the index keeps the data hashes', async () => {
  const indexDir = join(storage, 'analysis-cache', 'v1', 'folders');
  const index = JSON.parse(readFileSync(join(indexDir, readdirSync(indexDir)[0]), 'utf8')) as { hashMemo?: Record<string, { sha256: string }> };
  assert.deepEqual(Object.keys(index.hashMemo ?? {}).map((p) => basename(p)).sort(), ['logreg.onnx', 'test.csv', 'train.csv', 'xgb.onnx']);
  for (const f of ['train.csv', 'test.csv']) {
    writeFileSync(join(ws, f), readFileSync(join(ws, f)));
    utimesSync(join(ws, f), new Date(), new Date(Date.now() + 60_000));
  }
  const c = await start();
  assert.match(await summaryLog(c), /\(0 analysed, 2 cached/);
  await c.stop();
});

test('data whose bytes changed is analysed again for every model that reads it', async () => {
  writeFileSync(join(ws, 'test.csv'), readFileSync(join(ws, 'test.csv'), 'utf8').replace(/\n$/, '').split('\n').slice(0, -1).join('\n') + '\n');
  const c = await start();
  assert.match(await summaryLog(c), /\(2 analysed, 0 cached/);
  await c.stop();
});
