/**
 * Findings where the user writes code, through the built server over stdio: a workspace
 * with the pima logistic regression and its data plus a planted post-outcome column
 * ("collections_flag" = the label with 3% flips) that is not a model input. A training
 * script that adds it to its features gets a leak.target diagnostic on the literal from the
 * data-only checks; hovers carry the feature's numbers; the quick fix writes an ignore rule
 * that makes the diagnostic go away; explainRow answers with attributions that add up; a
 * paired CSV gets "Explain this row" lenses; notebook cells are diagnosed too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { ExplainRowRequest, type ExplainRowResult, type IgnoreFindingArgs } from '../../protocol/protocol';
import { applyConfigEdits, ignoreFindingEdits } from '../../server/lang/configEdits';
import { fixturePath } from '../helpers/fixtures';
import { fileUri, startTestClient, type TestClient } from './lspClient';

const CONFIG = `{
  "models": [
    { "name": "diabetes", "model": "logreg.onnx", "data": { "train": "train.csv", "test": "test.csv" }, "target": "target" }
  ]
}
`;
const SCRIPT = `import pandas as pd
# "collections_flag" in a comment is not a reference
FEATURES = ["pregnant", "glucose", "mass", "age", "collections_flag"]
X = pd.read_csv("train.csv")[FEATURES]
`;

let ws: string;
let client: TestClient;
const uri = (name: string): string => fileUri(join(ws, name));

/** Adds the planted column after the label: the label with every 33rd row flipped. */
function withLeak(csv: string): string {
  const lines = csv.trimEnd().split('\n');
  return lines.map((l, i) => (i === 0 ? `${l},collections_flag` : `${l},${i % 33 === 0 ? 1 - Number(l.slice(l.lastIndexOf(',') + 1)) : l.slice(l.lastIndexOf(',') + 1)}`)).join('\n') + '\n';
}

function pull(u: string): Promise<{ items: Diagnostic[] }> {
  return client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } });
}

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'modeldiag-lang-'));
  writeFileSync(join(ws, 'logreg.onnx'), readFileSync(fixturePath('real', 'pima', 'logreg.onnx')));
  for (const f of ['train.csv', 'test.csv']) writeFileSync(join(ws, f), withLeak(readFileSync(fixturePath('real', 'pima', f), 'utf8')));
  writeFileSync(join(ws, 'modeldiag.json'), CONFIG);
  writeFileSync(join(ws, 'train.py'), SCRIPT);
  client = await startTestClient(ws);
  await client.waitFor('analysis ready', () => client.statuses.find((s) => s.state === 'ready'), 25000);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('train.py'), languageId: 'python', version: 1, text: SCRIPT } });
});

after(async () => {
  await client?.stop();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('a new column of the paired data gets the data-only leak.target diagnostic on its literal', async () => {
  const { items } = await pull(uri('train.py'));
  const leak = items.find((d) => d.code === 'leak.target');
  assert.ok(leak, `diagnostics: ${JSON.stringify(items.map((d) => d.code))}`);
  const at = SCRIPT.indexOf('"collections_flag"', SCRIPT.indexOf('FEATURES')) + 1;
  const line = SCRIPT.slice(0, at).split('\n').length - 1;
  const character = at - SCRIPT.lastIndexOf('\n', at - 1) - 1;
  assert.deepEqual(leak.range, { start: { line, character }, end: { line, character: character + 'collections_flag'.length } });
  assert.equal(leak.severity, 1);
  assert.equal(leak.source, 'Model Diagnostics');
  assert.equal(leak.codeDescription?.href, 'https://github.com/model-diagnostics/model-diagnostics#leaktarget');
  assert.match(String(leak.message), /'collections_flag' alone predicts 'target'/);
  assert.ok(!items.some((d) => d.range.start.line === 1), 'nothing in the comment');
  // Clients without pull diagnostics get the same, pushed after a change.
  const pushed = await client.waitFor('pushed diagnostics', () => client.diagnostics.get(uri('train.py'))?.find((d) => d.code === 'leak.target'));
  assert.deepEqual(pushed.range, leak.range);
});

test('typing a new column re-diagnoses without re-running the model', async () => {
  const edited = SCRIPT.replace('"age", "collections_flag"', '"age"');
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri('train.py'), version: 2 }, contentChanges: [{ text: edited }] });
  assert.equal((await pull(uri('train.py'))).items.filter((d) => d.code === 'leak.target').length, 0);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri('train.py'), version: 3 }, contentChanges: [{ text: SCRIPT }] });
  assert.equal((await pull(uri('train.py'))).items.filter((d) => d.code === 'leak.target').length, 1);
});

test('a hover on a feature shows its importance, permutation importance and shape', async () => {
  const at = SCRIPT.indexOf('glucose');
  const h: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('train.py') }, position: { line: 2, character: at - SCRIPT.lastIndexOf('\n', at) } });
  const text = (h.contents as { value: string }).value;
  assert.match(text, /\*\*glucose\*\* · model `diabetes`/);
  assert.match(text, /Importance \| rank \d of 8 · mean \\\|φ\\\| \d+\.\d+ \(95% CI/);
  assert.match(text, /Permutation[^|]*\| -?\d/);
  assert.match(text, /Shape \(PDP\) \| `[▁▂▃▄▅▆▇█]+`/);
  assert.match(text, /command:modelDiagnostics\.openReport\?/);
});

test('the ignore quick fix writes a rule to modeldiag.json and the diagnostic goes away', async () => {
  const { items } = await pull(uri('train.py'));
  const leak = items.find((d) => d.code === 'leak.target')!;
  const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri('train.py') }, range: leak.range, context: { diagnostics: [leak] } });
  const ignore = actions.find((a) => a.command?.command === 'modelDiagnostics.ignoreFinding');
  assert.ok(ignore, `actions: ${actions.map((a) => a.title).join('; ')}`);
  const args = ignore.command!.arguments![0] as IgnoreFindingArgs;
  assert.deepEqual([args.id, args.feature, args.model, args.modelIndex, args.config], ['leak.target', 'collections_flag', 'diabetes', 0, uri('modeldiag.json')]);
  // What the client command does after asking for the reason:
  const text = readFileSync(join(ws, 'modeldiag.json'), 'utf8');
  writeFileSync(join(ws, 'modeldiag.json'), applyConfigEdits(text, ignoreFindingEdits(text, args, 'recorded at application time')));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('modeldiag.json'), type: 2 }] });
  const ready = client.statuses.length;
  await client.waitFor('re-analysis', () => client.statuses.slice(ready).find((s) => s.state === 'ready'), 25000);
  assert.equal((await pull(uri('train.py'))).items.filter((d) => d.code === 'leak.target').length, 0);
});

test('explainRow returns attributions that add up to the prediction', async () => {
  const r: ExplainRowResult = await client.connection.sendRequest(ExplainRowRequest.method, { uri: uri('test.csv'), row: 3 });
  assert.equal(r.method, 'exact');
  assert.equal(r.features.length, 8);
  const sum = r.attributions.reduce((s, v) => s + v, r.baseValue);
  assert.ok(Math.abs(sum - r.prediction) < 1e-9, `Σφ + base = ${sum}, prediction ${r.prediction}`);
  assert.ok(r.efficiencyGap < 1e-9);
  assert.equal(r.featureValues.length, 8);
});

test('a paired CSV gets "Explain this row" lenses on its data rows', async () => {
  const csv = readFileSync(join(ws, 'test.csv'), 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('test.csv'), languageId: 'csv', version: 1, text: csv } });
  const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uri('test.csv') } });
  assert.equal(lenses.length, 200);
  assert.deepEqual(lenses[0].range.start, { line: 1, character: 0 });
  assert.equal(lenses[0].command?.command, 'modelDiagnostics.explainRow');
  assert.deepEqual(lenses[0].command?.arguments, [{ uri: uri('test.csv'), row: 0, model: 'diabetes' }]);
  const header = (await pull(uri('test.csv'))).items.filter((d) => d.range.start.line === 0);
  assert.ok(header.every((d) => d.source === 'Model Diagnostics'));
});

test('python cells of a notebook are diagnosed', async () => {
  const nb = uri('explore.ipynb');
  const cell = `${nb.replace('file:', 'vscode-notebook-cell:')}#W0`;
  const text = 'cols = ["glucose", "collections_flag", "source_row"]';
  await client.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell }] },
    cellTextDocuments: [{ uri: cell, languageId: 'python', version: 1, text }],
  });
  const { items } = await pull(cell);
  assert.ok(items.some((d) => d.code === 'leak.identifier' && text.slice(d.range.start.character, d.range.end.character) === 'source_row'), JSON.stringify(items.map((d) => [d.code, d.range.start.character])));
});
