/**
 * Hostile feature names end to end through the built CLI: the names reach the CSV header, the
 * Markdown and HTML reports and the terminal, and must arrive neutralised and escaped there
 * (formula injection, HTML/Markdown injection, terminal escapes, prototype keys).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { encodeOnnx } from '../../../server/loaders/model/onnxProto';
import { logisticMatrixModel } from '../remedies/handBuiltModels';
import { REPO, runCli } from './cliRun';

const NAMES = ['=HYPERLINK("http://evil.example/x","click")', '<img src=x onerror=alert(1)>', '![pixel](http://evil.example/p.png) | x', '__proto__', '\u001b]0;pwned\u0007@SUM(1)'];
const csvQuote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const skip = !existsSync(join(REPO, 'dist/cli.js')) && 'run npm run build first';
let ws: string;

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'hostile-names-'));
  const d = NAMES.length;
  const model = logisticMatrixModel({ mean: new Array(d).fill(0), scale: new Array(d).fill(1), coef: NAMES.map((_, j) => (j % 2 ? -1 : 1)), bias: 0 }, NAMES);
  writeFileSync(join(ws, 'model.onnx'), encodeOnnx(model));
  const lines = [[...NAMES, 'target'].map(csvQuote).join(',')];
  for (let i = 0; i < 300; i++) lines.push([...NAMES.map((_, j) => (((i * (j + 3)) % 17) / 17).toFixed(3)), String(i % 3 === 0 ? 1 : 0)].join(','));
  writeFileSync(join(ws, 'data.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(ws, 'modeldiag.json'), JSON.stringify({ models: [{ name: '<b>m</b>', model: 'model.onnx', data: 'data.csv', target: 'target', features: NAMES }], analysis: { maxRows: 300 } }));
});

test('explain --format csv neutralises formula cells and quotes every hostile header', { skip }, async () => {
  const r = await runCli(['explain', '--model', join(ws, 'model.onnx'), '--data', join(ws, 'data.csv'), '--rows', '0-2', '--format', 'csv', '--method', 'exact']);
  assert.equal(r.code, 0, r.stderr);
  const header = r.stdout.split('\n')[0];
  assert.ok(header.includes(`"'=HYPERLINK(""http://evil.example/x"",""click"")"`), header);
  assert.ok(header.includes(`"'\u001b]0;pwned\u0007@SUM(1)"`) === false || !/,[=+\-@]/.test(header), header);
  for (const line of r.stdout.trim().split('\n')) assert.doesNotMatch(line, /(^|,)[=+@\t\r]/, `a cell starts a formula: ${line}`);
  const json = await runCli(['explain', '--model', join(ws, 'model.onnx'), '--data', join(ws, 'data.csv'), '--rows', '0', '--format', 'json', '--method', 'exact']);
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { rows: { attributions: Record<string, number> }[] };
  const attributions = parsed.rows[0].attributions;
  assert.ok(Object.prototype.hasOwnProperty.call(attributions, '__proto__'), 'the __proto__ feature is an own key');
  assert.equal(Object.keys(attributions).length, NAMES.length);
});

test('markdown, html and text reports escape hostile names', { skip }, async () => {
  const md = await runCli(['check', ws, '--format', 'markdown', '--fail-on', 'never']);
  assert.equal(md.code, 0, md.stderr);
  assert.doesNotMatch(md.stdout, /<img|<b>|!\[pixel\]|\u001b/, 'no raw HTML, image or escape in markdown');
  for (const row of md.stdout.split('\n').filter((l) => l.startsWith('| ') && l.includes('HYPERLINK'))) {
    assert.doesNotMatch(row, /\| =HYPERLINK/, 'formula cell neutralised');
  }
  const html = await runCli(['check', ws, '--format', 'html', '--fail-on', 'never']);
  assert.equal(html.code, 0, html.stderr);
  assert.doesNotMatch(html.stdout, /<img|<b>m|onerror=alert\(1\)>/);
  assert.match(html.stdout, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const text = await runCli(['check', ws, '--format', 'text', '--fail-on', 'never']);
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /\u001b|\u0007/, 'no terminal control characters');
});
