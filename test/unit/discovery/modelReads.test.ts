/**
 * Discovery (zero-config pairing, config checks) and the model-summary worker read .onnx files
 * through the loaders' door (server/loaders/fileAccess.ts), like the loaders: each open is
 * announced on the audit channel and a model over the size limit is refused before it is read.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { copyFileSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { discoverWorkspace } from '../../../server/discovery/discoverWorkspace';
import { FILE_OPEN_CHANNEL, type FileOpenMessage } from '../../../server/loaders/fileAccess';
import { runSummaryJob } from '../../../server/lsp/workerJob';
import { fixturePath, REPO } from '../../helpers/fixtures';

/** pima's random forest (245 KiB) with its data (under 40 KiB); a modeldiag.json entry when `config`. */
function folder(config: boolean): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'model-reads-')));
  for (const f of ['rf.onnx', 'train.csv', 'test.csv']) copyFileSync(fixturePath('real', 'pima', f), join(dir, f));
  if (config) writeFileSync(join(dir, 'modeldiag.json'), JSON.stringify({ models: [{ model: 'rf.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target' }] }));
  return dir;
}

/** The model files opened through the door while `body` runs. */
async function modelOpens(body: () => Promise<unknown>): Promise<string[]> {
  const opened: string[] = [];
  const on = (m: unknown): void => {
    const { path, purpose } = m as FileOpenMessage;
    if (purpose === 'model') opened.push(path);
  };
  subscribe(FILE_OPEN_CHANNEL, on);
  try {
    await body();
  } finally {
    unsubscribe(FILE_OPEN_CHANNEL, on);
  }
  return opened;
}

async function withMaxFileMb<T>(mb: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB;
  process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB = mb;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB;
    else process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB = saved;
  }
}

for (const config of [false, true]) {
  const how = config ? 'a modeldiag.json entry' : 'zero-config pairing';
  test(`${how} opens the model through the audited door`, async () => {
    const dir = folder(config);
    let models = 0;
    const opened = await modelOpens(async () => (models = (await discoverWorkspace(dir)).models.length));
    assert.equal(models, 1);
    assert.deepEqual([...new Set(opened)], [join(dir, 'rf.onnx')]);
  });
}

test('zero-config pairing refuses a model over the size limit, and says so', async () => {
  const dir = folder(false);
  const d = await withMaxFileMb('0.1', () => discoverWorkspace(dir));
  assert.equal(d.models.length, 0);
  const note = d.notes.find((n) => n.file === join(dir, 'rf.onnx'));
  assert.match(note?.message ?? '', /larger than the limit of 104857 bytes.*MODEL_DIAGNOSTICS_MAX_FILE_MB/);
});

test('the model-summary worker refuses a model over the size limit', async () => {
  const dir = folder(false);
  const worker = join(REPO, 'dist/analysisWorker.js');
  const ok = await runSummaryJob(worker, join(dir, 'rf.onnx'));
  assert.equal(ok.summary?.inputs[0]?.name, 'input', ok.error);
  const refused = await withMaxFileMb('0.1', () => runSummaryJob(worker, join(dir, 'rf.onnx')));
  assert.equal(refused.summary, undefined);
  assert.match(refused.error ?? '', /larger than the limit.*MODEL_DIAGNOSTICS_MAX_FILE_MB/);
});
