import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseConfig } from '../../../server/discovery/configFile';
import { discoverWorkspace } from '../../../server/discovery/discoverWorkspace';
import { fixturePath } from '../../helpers/fixtures';

function rangeText(text: string, offset: number, length: number): string {
  return text.slice(offset, offset + length);
}

test('syntax and structure errors carry the exact JSON range', () => {
  const text = '{\n  "models": [\n    { "model": 3, "task": "clasification", "bogus": 1 }\n  ]\n}';
  const parsed = parseConfig(text);
  const byMessage = (re: RegExp) => parsed.issues.find((i) => re.test(i.message))!;
  assert.equal(rangeText(text, byMessage(/"model" must be a string/).offset, byMessage(/"model" must be a string/).length), '3');
  const task = parsed.issues.find((i) => i.id === 'config.task')!;
  assert.equal(rangeText(text, task.offset, task.length), '"clasification"');
  const bogus = byMessage(/unknown property "bogus"/);
  assert.equal(rangeText(text, bogus.offset, bogus.length), '"bogus"');
  assert.equal(bogus.severity, 'warning');
  assert.ok(parseConfig('{ "models": [ }').issues.some((i) => /syntax/.test(i.message)));
});

test('an unknown column, a missing file and a wrong task are found at their values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  cpSync(fixturePath('real', 'pima'), dir, { recursive: true });
  const text = JSON.stringify(
    {
      models: [
        { model: 'xgb.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target', features: ['pregnant', 'glucose', 'presure'], task: 'regression' },
        { model: 'missing.onnx', data: 'nope.csv', target: 'target' },
      ],
    },
    null,
    2,
  );
  writeFileSync(join(dir, 'modeldiag.json'), text);
  const d = await discoverWorkspace(dir);
  const issues = d.configs[0].issues;
  const at = (id: string) => issues.filter((i) => i.id === id).map((i) => rangeText(text, i.offset, i.length));
  assert.deepEqual(at('config.unknown-column'), ['"presure"']);
  assert.deepEqual(at('config.missing-file').sort(), ['"missing.onnx"', '"nope.csv"']);
  assert.deepEqual(at('config.task'), ['"regression"']);
  assert.match(issues.find((i) => i.id === 'config.unknown-column')!.message, /did you mean "pressure"/);
  // Entries with errors are not analysed; the other models of the folder are paired without config.
  assert.ok(!d.models.some((m) => m.origin.kind === 'config'));
});

test('zero-config pairing finds train/test by name and the target by the documented rules', async () => {
  const d = await discoverWorkspace(fixturePath('real', 'pima'));
  const xgb = d.models.find((m) => m.name === 'xgb')!;
  assert.equal(xgb.origin.kind, 'zero-config');
  assert.match(xgb.train!, /train\.csv$/);
  assert.match(xgb.test!, /test\.csv$/);
  assert.equal(xgb.target, 'target');
  assert.equal(xgb.features!.length, 8);
});

test('EXPECTED FAILURE: config paths and symlinks that leave the workspace are refused at their values', async () => {
  const outsideDir = mkdtempSync(join(tmpdir(), 'outside-'));
  writeFileSync(join(outsideDir, 'secret.csv'), 'a,target\n1,0\n');
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  cpSync(fixturePath('real', 'pima', 'logreg.onnx'), join(dir, 'logreg.onnx'));
  symlinkSync(join(outsideDir, 'secret.csv'), join(dir, 'linked.csv'));
  const text = JSON.stringify({
    models: [
      { model: 'logreg.onnx', data: `../${basename(outsideDir)}/secret.csv`, target: 'target' },
      { model: 'logreg.onnx', data: join(outsideDir, 'secret.csv'), target: 'target' },
      { model: 'logreg.onnx', data: 'linked.csv', target: 'target' },
    ],
  });
  writeFileSync(join(dir, 'modeldiag.json'), text);
  const d = await discoverWorkspace(dir);
  const outside = d.configs[0].issues.filter((i) => /outside the workspace/.test(i.message));
  assert.equal(outside.length, 3, JSON.stringify(d.configs[0].issues));
  assert.deepEqual(outside.map((i) => text.slice(i.offset, i.offset + i.length).includes('secret') || text.slice(i.offset, i.offset + i.length) === '"linked.csv"'), [true, true, true]);
  assert.equal(d.models.filter((m) => m.origin.kind === 'config').length, 0);
});

test('EXPECTED FAILURE: "__proto__" keys in expect and oneHot stay plain data (no prototype pollution)', () => {
  const parsed = parseConfig('{"models":[{"model":"m.onnx","expect":{"__proto__":"increasing","age":"decreasing"},"oneHot":{"__proto__":["a","b"]}}]}');
  const m = parsed.models[0];
  assert.equal(Object.getPrototypeOf(m.expect), null);
  assert.equal(m.expect!['__proto__' as string], 'increasing');
  assert.equal(m.expect!.age, 'decreasing');
  assert.deepEqual(Object.keys(m.oneHot!), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).increasing, undefined);
});
