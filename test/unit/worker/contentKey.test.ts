/**
 * The analysis cache key (server/worker/contentKey.ts) follows content: the same bytes under a
 * new mtime keep the key; a changed data file or a changed ONNX external-data file changes it;
 * hashes are memoised so an unchanged file is not read again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_ANALYSIS } from '../../../server/discovery/configFile';
import type { ResolvedModel } from '../../../server/discovery/resolvedModel';
import { encodeOnnx, OnnxDataType, type OnnxTensor } from '../../../server/loaders/model/onnxProto';
import { modelContentKey } from '../../../server/worker/contentKey';
import type { HashMemoEntry } from '../../../server/worker/workerMessages';
import { baseModel } from '../hostile/baseModels';

const dir = mkdtempSync(join(tmpdir(), 'modeldiag-key-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const modelPath = join(dir, 'model.onnx');
const dataPath = join(dir, 'data.csv');
const weights = join(dir, 'model.onnx.data');
const resolved = { name: 'm', modelPath, train: dataPath, target: 'target', savedSlices: [] } as unknown as ResolvedModel;
const key = (memo: Record<string, HashMemoEntry> = {}): Promise<string> => modelContentKey(dir, resolved, DEFAULT_ANALYSIS, memo);
const later = (path: string, s: number): void => utimesSync(path, new Date(), new Date(Date.now() + s * 1000));

function writeExternalModel(w: readonly number[]): void {
  const m = baseModel();
  const initializer = m.graph!.initializer!.map((t): OnnxTensor =>
    t.name === 'W' ? { name: 'W', dims: [2, 1], dataType: OnnxDataType.FLOAT, dataLocation: 1, externalData: [{ key: 'location', value: 'model.onnx.data' }] } : t,
  );
  writeFileSync(modelPath, encodeOnnx({ ...m, graph: { ...m.graph!, initializer } }));
  writeFileSync(weights, Buffer.from(new Float32Array(w).buffer));
}

test('the same bytes with a new mtime keep the key; other bytes change it', async () => {
  writeFileSync(modelPath, encodeOnnx(baseModel()));
  writeFileSync(dataPath, 'a,b,target\n1,2,0\n');
  const k0 = await key();
  writeFileSync(dataPath, 'a,b,target\n1,2,0\n');
  later(dataPath, 60);
  assert.equal(await key(), k0);
  writeFileSync(dataPath, 'a,b,target\n1,2,1\n');
  assert.notEqual(await key(), k0);
});

test('an edit of the external-data file changes the key; the file list is memoised with the model hash', async () => {
  writeExternalModel([1, -1]);
  const memo: Record<string, HashMemoEntry> = {};
  const k1 = await key(memo);
  assert.deepEqual(memo[modelPath].external, [weights]);
  assert.ok(memo[weights], 'the external-data file is hashed');
  writeFileSync(weights, Buffer.from(new Float32Array([2, -2]).buffer));
  later(weights, 120);
  const k2 = await key(memo);
  assert.notEqual(k2, k1);
  writeFileSync(weights, Buffer.from(new Float32Array([1, -1]).buffer));
  later(weights, 180);
  assert.equal(await key(memo), k1, 'back to the first bytes, back to the first key');
});

test('an external reference the loader refuses adds nothing (the analysis reports it)', async () => {
  const m = baseModel();
  const initializer = m.graph!.initializer!.map((t): OnnxTensor =>
    t.name === 'W' ? { name: 'W', dims: [2, 1], dataType: OnnxDataType.FLOAT, dataLocation: 1, externalData: [{ key: 'location', value: '../../etc/passwd' }] } : t,
  );
  writeFileSync(modelPath, encodeOnnx({ ...m, graph: { ...m.graph!, initializer } }));
  const memo: Record<string, HashMemoEntry> = {};
  await key(memo);
  assert.deepEqual(memo[modelPath].external, []);
});
