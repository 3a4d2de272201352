import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOnnxModel } from '../../../server/loaders/model/onnxModel';
import { InputError } from '../../../server/loaders/data/loadError';
import { FIXTURES, fixturePath } from '../../helpers/fixtures';

function onnxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return onnxFiles(p);
    return name.endsWith('.onnx') ? [p] : [];
  });
}

test('every ONNX file in the fixtures loads, with a summary of its graph', async () => {
  const files = onnxFiles(FIXTURES);
  assert.ok(files.length >= 30, `found ${files.length} models`);
  for (const f of files) {
    const m = await loadOnnxModel(f, { intraOpThreads: 1 });
    assert.ok(m.summary.inputs.length >= 1, f);
    assert.ok(m.summary.outputs.length >= 1, f);
    assert.ok(m.summary.operators.length >= 1, f);
    assert.ok(m.summary.parameterCount > 0, `${f}: parameter count`);
    assert.equal(m.summary.opsets['ai.onnx'], 17, f);
    await m.session.release();
  }
});

test('the summary reads opsets, operators, metadata, classes and the tree parameter count', async () => {
  const m = await loadOnnxModel(fixturePath('real', 'pima', 'xgb.onnx'));
  assert.deepEqual(m.summary.opsets, { 'ai.onnx': 17, 'ai.onnx.ml': 3 });
  assert.deepEqual(m.summary.operators, ['ai.onnx.ml.TreeEnsembleClassifier']);
  assert.deepEqual(m.summary.inputs, [{ name: 'input', type: 'float32', shape: ['N', 8], isTensor: true }]);
  assert.equal(m.summary.metadata.model_kind, 'xgb');
  assert.deepEqual(m.summary.classes, ['0', '1']);
  await m.session.release();
});

test('EXPECTED FAILURE: a truncated ONNX file is a model.load InputError that says to re-export', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onnx-'));
  const bytes = readFileSync(fixturePath('real', 'pima', 'xgb.onnx'));
  const p = join(dir, 'truncated.onnx');
  writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(loadOnnxModel(p), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.id, 'model.load');
    assert.match(e.detail, /truncated|re-export/);
    return true;
  });
});
