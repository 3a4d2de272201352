import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { REPO, fixturePath } from '../../helpers/fixtures';

const CLI = join(REPO, 'dist', 'cli.js');

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary copy of pima with only the logistic regression (fast), plus the given files. */
function workspace(files: Record<string, string>, copyFrom = fixturePath('real', 'pima')): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  for (const f of ['train.csv', 'test.csv', 'logreg.onnx']) cpSync(join(copyFrom, f), join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PIMA_CONFIG = { model: 'logreg.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target' };

test('check --format json prints the contract with metrics per split', { skip: !existsSync(CLI) && 'run npm run build first' }, () => {
  const dir = workspace({ 'modeldiag.json': JSON.stringify({ models: [PIMA_CONFIG] }) });
  const r = run(['check', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(typeof report.version, 'string');
  const m = report.models.find((x: { name: string }) => x.name === 'logreg');
  assert.equal(m.task, 'classification');
  assert.ok(Math.abs(m.metrics.test.accuracy - 0.7878787879) < 1e-6);
  assert.ok(Math.abs(m.metrics.test.roc_auc - 0.8424691358) < 1e-6);
  assert.ok(Array.isArray(m.findings));
});

test('SARIF output validates against the SARIF 2.1.0 schema', () => {
  const dir = workspace({ 'modeldiag.json': JSON.stringify({ models: [{ ...PIMA_CONFIG, features: ['glucose', 'nope'] }] }) });
  const out = join(dir, 'out.sarif');
  const r = run(['check', dir, '--format', 'sarif', '--out', out]);
  assert.equal(r.code, 2, 'a config error is bad input');
  const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  const log = JSON.parse(readFileSync(out, "utf8")) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  const result = log.runs[0].results.find((x) => x.ruleId === 'config.unknown-column');
  assert.ok(result, 'the unknown column is a result');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'modeldiag.json');
  assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
});

test('EXPECTED FAILURE: a truncated ONNX file exits 2 with a message and no stack trace', () => {
  const bytes = readFileSync(fixturePath('real', 'pima', 'logreg.onnx'));
  const dir = workspace({ 'modeldiag.json': JSON.stringify({ models: [PIMA_CONFIG] }) });
  writeFileSync(join(dir, 'logreg.onnx'), bytes.subarray(0, 300));
  const r = run(['check', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /logreg\.onnx: .*(truncated|re-export)/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('EXPECTED FAILURE: a CSV with an unclosed quote exits 2 naming file, line and column', () => {
  const dir = workspace({ 'modeldiag.json': JSON.stringify({ models: [PIMA_CONFIG] }) });
  const lines = readFileSync(join(dir, 'test.csv'), 'utf8').split('\n');
  lines[5] = lines[5].replace(',', ',"');
  writeFileSync(join(dir, 'test.csv'), lines.join('\n'));
  const r = run(['check', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /test\.csv:6:\d+: a quoted field is never closed/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('EXPECTED FAILURE: a config naming a missing column exits 2 with its position', () => {
  const text = JSON.stringify({ models: [{ ...PIMA_CONFIG, target: 'outcome' }] }, null, 2);
  const dir = workspace({ 'modeldiag.json': text });
  const r = run(['check', dir]);
  assert.equal(r.code, 2);
  const line = text.split('\n').findIndex((l) => l.includes('"outcome"')) + 1;
  assert.match(r.stderr, new RegExp(`modeldiag\\.json:${line}:\\d+: target "outcome" is not a column`));
});

test('bad flags exit 2 with usage; --fail-on never exits 0', () => {
  const r = run(['check', '--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be one of/);
  const ok = run(['check', join(REPO, 'examples'), '--fail-on', 'never']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('markdown and html outputs are written and self-contained', () => {
  const dir = mkdtempSync(join(tmpdir(), 'out-'));
  const html = join(dir, 'r.html');
  assert.equal(run(['check', join(REPO, 'examples'), '--format', 'html', '--out', html, '--fail-on', 'never']).code, 0);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<h2>churn<\/h2>/);
  assert.doesNotMatch(page, /<script|https?:\/\/(?!json)/, 'no scripts, no remote resources');
  const md = run(['check', join(REPO, 'examples'), '--format', 'markdown', '--fail-on', 'never']);
  assert.match(md.stdout, /## credit-default/);
  assert.match(md.stdout, /\| test \| /);
});

test('export-invariant writes a model that ignores the sensitive input and reports the gap before/after', () => {
  const dir = workspace({});
  const out = join(dir, 'invariant.onnx');
  const r = run(['export-invariant', dir, '--model', 'logreg', '--sensitive', 'pregnant', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { values: number; after: { flipRate: number }; before: { flipRate: number } };
  assert.ok(existsSync(out));
  assert.equal(result.after.flipRate, 0);
  assert.ok(result.before.flipRate > 0);
  const bad = run(['export-invariant', dir, '--model', 'logreg', '--sensitive', 'target', '--out', out]);
  assert.equal(bad.code, 2, 'a sensitive attribute that is not a model input is bad input');
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});
