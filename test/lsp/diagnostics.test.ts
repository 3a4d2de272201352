/**
 * The built language server over stdio, on a temporary copy of the pima fixture with a
 * modeldiag.json that names a missing column and a missing file, and a CSV with an
 * unclosed quote. Checks the published diagnostics (exact ranges, codes, links), that
 * edits to the open config and watched-file changes update them, and the custom requests.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ModelSummaryRequest, ReportRequest, RerunRequest, type ModelSummaryResult, type ReportResult, type RerunResult } from '../../protocol/protocol';
import { offsetToPosition } from '../../server/pipeline/textPosition';
import { fixturePath } from '../helpers/fixtures';
import { fileUri, startTestClient, type TestClient } from './lspClient';

const CONFIG = `{
  "models": [
    { "name": "logreg", "model": "logreg.onnx", "data": { "train": "train.csv", "test": "test.csv" }, "target": "target", "sensitive": ["agee"] },
    { "name": "gone", "model": "logreg.onnx", "data": "nowhere.csv", "target": "target" },
    { "name": "broken", "model": "logreg.onnx", "data": "bad.csv", "target": "target" }
  ]
}
`;
const BAD_LINE = 6; // 1-based line of bad.csv that opens a quote and never closes it

let ws: string;
let client: TestClient;
const uri = (name: string): string => fileUri(join(ws, name));
const codes = (ds: Diagnostic[] | undefined): string[] => (ds ?? []).map((d) => String(d.code)).sort();

/** The LSP range of the first occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  return { start: offsetToPosition(text, offset), end: offsetToPosition(text, offset + needle.length) };
}

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'modeldiag-lsp-'));
  for (const f of ['logreg.onnx', 'train.csv', 'test.csv']) copyFileSync(fixturePath('real', 'pima', f), join(ws, f));
  const lines = readFileSync(join(ws, 'test.csv'), 'utf8').split('\n');
  lines[BAD_LINE - 1] = lines[BAD_LINE - 1].replace(',', ',"'); // second field opens a quote
  writeFileSync(join(ws, 'bad.csv'), lines.join('\n'));
  writeFileSync(join(ws, 'modeldiag.json'), CONFIG);
  client = await startTestClient(ws);
});

after(async () => {
  await client?.stop();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('config problems are published at the exact JSON range of the bad value', async () => {
  const ds = await client.waitFor('config diagnostics', () => {
    const d = client.diagnostics.get(uri('modeldiag.json'));
    return codes(d).join() === 'config.missing-file,config.unknown-column' ? d : undefined;
  });
  const column = ds.find((d) => d.code === 'config.unknown-column')!;
  assert.deepEqual(column.range, rangeOf(CONFIG, '"agee"'));
  assert.equal(column.severity, 1);
  assert.equal(column.source, 'Model Diagnostics');
  assert.equal(column.codeDescription?.href, 'https://github.com/model-diagnostics/model-diagnostics#configunknown-column');
  assert.match(String(column.message), /did you mean "age"/);
  const file = ds.find((d) => d.code === 'config.missing-file')!;
  assert.deepEqual(file.range, rangeOf(CONFIG, '"nowhere.csv"'));
  assert.equal(file.codeDescription?.href, 'https://github.com/model-diagnostics/model-diagnostics#configmissing-file');
});

test('a CSV with an unclosed quote gets a data.load diagnostic on the field at its line', async () => {
  const [d] = await client.waitFor('bad.csv diagnostic', () => client.diagnostics.get(uri('bad.csv')));
  const line = readFileSync(join(ws, 'bad.csv'), 'utf8').split('\n')[BAD_LINE - 1];
  assert.equal(d.code, 'data.load');
  // The loader names the field (2); the diagnostic covers that field, from its opening quote to the end of the line.
  assert.deepEqual(d.range, { start: { line: BAD_LINE - 1, character: line.indexOf('"') }, end: { line: BAD_LINE - 1, character: line.length } });
  assert.match(String(d.message), /quoted field is never closed/);
});

test('the server watches configs, models, data and external-data files, and every deletion (a deleted folder)', async () => {
  const watchers = await client.waitFor('file watcher registration', () =>
    client.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'),
  );
  const list = (watchers.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers;
  for (const glob of ['**/modeldiag.json', '**/*.{onnx,ONNX}', '**/*.{data,onnx_data,bin,pb,weights}']) assert.ok(list.some((w) => w.globPattern === glob && w.kind === undefined), glob);
  assert.ok(list.some((w) => w.globPattern === '**/*' && w.kind === 4), 'deletions of anything (WatchKind.Delete)');
});

test('the analysis reports status, work-done progress and a report with metrics', async () => {
  await client.waitFor('status ready', () => client.statuses.find((s) => s.state === 'ready'));
  assert.ok(client.statuses.some((s) => s.state === 'analysing'), 'an "analysing" status came first');
  assert.ok(client.serverRequests.includes('window/workDoneProgress/create'));
  await client.waitFor('progress end', () => client.progress.find((p) => p.kind === 'end'));
  assert.equal(client.progress[0]?.kind, 'begin');
  const result: ReportResult = await client.connection.sendRequest(ReportRequest.method, {});
  assert.equal(result.folders.length, 1);
  const report = result.folders[0].report!;
  assert.deepEqual(report.models.map((m) => m.name), ['logreg']);
  const accuracy = report.models[0].metrics.test.accuracy;
  assert.ok(typeof accuracy === 'number' && Math.abs(accuracy - 0.7879) < 1e-3, `test accuracy ${JSON.stringify(accuracy)}`);
  assert.deepEqual(report.findings.map((f) => f.id).sort(), ['config.missing-file', 'config.unknown-column', 'data.load']);
});

test('edits to the open modeldiag.json update its diagnostics before saving', async () => {
  const doc = { uri: uri('modeldiag.json'), languageId: 'json', version: 1, text: CONFIG };
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: doc });
  const fixed = CONFIG.replace('"agee"', '"age"');
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const ds = await client.waitFor('unknown-column gone', () => {
    const d = client.diagnostics.get(doc.uri);
    return codes(d).join() === 'config.missing-file' ? d : undefined;
  });
  assert.deepEqual(ds[0].range, rangeOf(fixed, '"nowhere.csv"'));
  assert.equal(readFileSync(join(ws, 'modeldiag.json'), 'utf8'), CONFIG, 'the file on disk is unchanged');
});

test('a watched data file change re-runs the analysis', async () => {
  copyFileSync(join(ws, 'test.csv'), join(ws, 'bad.csv'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('bad.csv'), type: 2 }] });
  await client.waitFor('bad.csv diagnostics cleared', () => (client.diagnostics.get(uri('bad.csv'))?.length === 0 ? true : undefined));
});

test('modelSummary and rerun answer', async () => {
  const s: ModelSummaryResult = await client.connection.sendRequest(ModelSummaryRequest.method, { uri: uri('logreg.onnx') });
  assert.equal(s.summary?.inputs[0]?.name, 'input');
  assert.equal(s.report?.name, 'logreg');
  const r: RerunResult = await client.connection.sendRequest(RerunRequest.method, {});
  assert.deepEqual(r.folders.map((f) => [f.models, f.cancelled]), [[2, false]]);
});
