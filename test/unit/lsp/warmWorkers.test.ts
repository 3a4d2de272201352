/**
 * The warm spare (server/lsp/warmWorkers.ts): a job after the first runs in a worker that was
 * booted before the job was asked for; jobs still get one worker each; a spare that dies
 * while idle is replaced by a fresh worker; shutdown terminates the spare.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { disposeSpareWorkers, takeWorker } from '../../../server/lsp/warmWorkers';
import type { WorkerJob } from '../../../server/worker/workerMessages';

const dir = mkdtempSync(join(tmpdir(), 'warm-workers-'));
after(async () => {
  await disposeSpareWorkers();
  rmSync(dir, { recursive: true, force: true });
});

/** Answers its job with its thread id and when its script was loaded (ms since the epoch). */
const script = join(dir, 'echo.js');
writeFileSync(
  script,
  `const { workerData, parentPort, threadId } = require('node:worker_threads');
if (!workerData.job && require('node:fs').existsSync(${JSON.stringify(join(dir, 'spares-die'))})) process.exit(3);
const bootedAt = Date.now();
const answer = (job) => parentPort.postMessage({ folder: job.folder, threadId, bootedAt });
if (workerData.job) answer(workerData.job); else parentPort.once('message', (m) => answer(m.job));`,
);

const job = (folder: string): WorkerJob => ({ type: 'run', folder, configTexts: {}, cachedKeys: [], maxRows: 10, hashMemo: {} });
const answer = (w: Worker): Promise<{ folder: string; threadId: number; bootedAt: number }> => new Promise((r) => w.once('message', r));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('the second job runs in a worker booted before it was asked for; each job has its own worker', async () => {
  const first = takeWorker(script, job('a'), 256);
  const a = await answer(first.worker);
  assert.equal(a.folder, 'a');
  await sleep(600); // the spare boots behind the first job
  const asked = Date.now();
  const second = takeWorker(script, job('b'), 256);
  const b = await answer(second.worker);
  assert.equal(b.folder, 'b');
  assert.notEqual(b.threadId, a.threadId);
  assert.ok(b.bootedAt < asked - 300, `the second worker booted ${Math.round(asked - b.bootedAt)} ms before it was asked for`);
  await Promise.all([first.worker.terminate(), second.worker.terminate()]);
});

test('a spare that died while idle is not used: the job gets a fresh worker', async () => {
  await disposeSpareWorkers();
  writeFileSync(join(dir, 'spares-die'), '');
  const first = takeWorker(script, job('c'), 256);
  assert.equal((await answer(first.worker)).folder, 'c');
  await sleep(600); // the spare booted behind it and exited
  rmSync(join(dir, 'spares-die'));
  const w = takeWorker(script, job('c2'), 256);
  assert.equal((await answer(w.worker)).folder, 'c2');
  await Promise.all([first.worker.terminate(), w.worker.terminate()]);
});

test('a spare booted before a settings variable changed is not used', async () => {
  await sleep(600);
  process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB = '1';
  try {
    const asked = Date.now();
    const w = takeWorker(script, job('e'), 256);
    const e = await answer(w.worker);
    assert.ok(e.bootedAt >= asked - 5, `a fresh worker, booted after the ask (${(asked - e.bootedAt).toFixed(1)} ms before)`);
    await w.worker.terminate();
  } finally {
    delete process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB;
  }
});

test('a spare booted with other limits is not used', async () => {
  await sleep(600);
  const asked = Date.now();
  const w = takeWorker(script, job('d'), 512);
  const d = await answer(w.worker);
  assert.equal(d.folder, 'd');
  assert.ok(d.bootedAt >= asked - 5, `a fresh worker, booted after the ask (${(asked - d.bootedAt).toFixed(1)} ms before)`);
  await w.worker.terminate();
});
