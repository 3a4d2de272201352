/**
 * Server faults (issue 8), on the built server: an analysis worker that throws, runs out of
 * memory or hangs must end in an error status (not a hang, not a dead server); and a storm of
 * file changes must leave no worker threads behind. The faulty workers are tiny scripts placed
 * next to a copy of dist/server.js, which loads `analysisWorker.js` from its own folder.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO, startTestClient, type TestClient } from './lspClient';

const FAULTY_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const mode = process.env.FAULT_MODE;
function fault(job) {
  if (job.type !== 'run') throw new Error('summary not faked');
  if (mode === 'throw') throw new Error('injected worker fault');
  if (mode === 'oom') { const keep = []; for (;;) keep.push(new Array(1e6).fill({ x: keep.length })); }
  if (mode === 'hang') { for (;;) {} }
}
// A fresh worker has its job in workerData; a booted spare receives it (server/lsp/warmWorkers.ts).
if (workerData.job) fault(workerData.job);
else parentPort.once('message', (m) => fault(m.job));
`;

/** A folder with a copy of the built server and the faulty worker beside it. */
function faultyServer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faulty-server-'));
  copyFileSync(join(REPO, 'dist/server.js'), join(dir, 'server.js'));
  writeFileSync(join(dir, 'analysisWorker.js'), FAULTY_WORKER);
  return join(dir, 'server.js');
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faults-ws-'));
  writeFileSync(join(dir, 'data.csv'), 'a,b,target\n1,2,0\n3,4,1\n');
  return dir;
}

/** Runs `body` with these environment variables set for the server it starts. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const clients: TestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop().catch(() => undefined);
});

const server = faultyServer();
const cases: { mode: string; env: Record<string, string>; message: RegExp }[] = [
  { mode: 'throw', env: {}, message: /analysis failed|see the log/ },
  { mode: 'oom', env: { MODEL_DIAGNOSTICS_WORKER_MEMORY_MB: '64' }, message: /analysis failed|see the log/ },
  { mode: 'hang', env: { MODEL_DIAGNOSTICS_WORKER_TIMEOUT_MS: '1500' }, message: /analysis failed|see the log/ },
];

for (const c of cases) {
  test(`a worker that ${c.mode === 'oom' ? 'runs out of memory' : c.mode === 'throw' ? 'throws' : 'hangs'} ends in an error status and the server keeps answering`, async () => {
    const client = await withEnv({ MODELDIAG_LSP_SERVER: server, FAULT_MODE: c.mode, ...c.env }, () => startTestClient(workspace()));
    clients.push(client);
    const t0 = performance.now();
    const status = await client.waitFor(`an error status after a worker ${c.mode}`, () => client.statuses.find((s) => s.state === 'error'), 20_000);
    assert.match(status.message, c.message);
    // Still alive: shutdown is answered and the process exits.
    await client.stop();
    console.log(`${c.mode}: error status after ${(performance.now() - t0).toFixed(0)} ms`);
  });
}

/** The pid of the (one) server this test process started, from /proc. */
function serverPid(): number {
  const found = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('server.js');
      } catch {
        return false;
      }
    });
  assert.equal(found.length, 1, `server processes: ${found.join(', ')}`);
  return Number(found[0]);
}

/** Threads of a process (Linux), from /proc. */
function threadCount(pid: number): number {
  const m = /^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

test('a storm of 60 file changes leaves no worker threads behind', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const ws = workspace();
  const client = await startTestClient(ws);
  clients.push(client);
  const pid = serverPid();
  const idle = (): boolean => client.statuses.length > 0 && client.statuses[client.statuses.length - 1].state !== 'analysing';
  await client.waitFor('the first analysis', () => (idle() ? true : undefined), 60_000);
  const before = threadCount(pid);
  const uri = `file://${join(ws, 'data.csv')}`;
  for (let i = 0; i < 60; i++) {
    writeFileSync(join(ws, 'data.csv'), `a,b,target\n${i},2,0\n3,4,1\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  }
  const seen = client.statuses.length;
  await client.waitFor('the storm to settle', () => (client.statuses.length > seen && idle() ? true : undefined), 60_000);
  // Terminated workers release their threads asynchronously: poll until back at the baseline.
  const deadline = performance.now() + 10_000;
  let now = threadCount(pid);
  while (now > before && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    now = threadCount(pid);
  }
  console.log(`threads before the storm ${before}, after ${now}`);
  assert.ok(now <= before, `threads: ${before} before the storm, ${now} after`);
});
