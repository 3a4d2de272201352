/**
 * The built language server over stdio, on a temporary copy of the pima logistic regression
 * with saved slices in modeldiag.json: a regressed slice and a slice that matches no row
 * become jagged.slice warnings at the exact JSON range of their entries, a passing one does
 * not; the report carries every saved slice. Then `modelDiagnostics/exportInvariantModel`
 * writes a model (in a worker, with progress under the client's token) that loads in
 * onnxruntime and no longer reacts to the marginalised input.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { InferenceSession } from 'onnxruntime-node';
import { ExportInvariantRequest, ReportRequest, type ExportInvariantResult, type ReportResult } from '../../protocol/protocol';
import type { SavedSliceResult } from '../../server/results/report';
import { offsetToPosition } from '../../server/pipeline/textPosition';
import { fixturePath } from '../helpers/fixtures';
import { fileUri, startTestClient, type TestClient } from './lspClient';

const REGRESSED = '{ "name": "older women", "predicates": [{ "feature": "age", "op": ">=", "value": 40 }], "metric": "error_rate", "maxValue": 0.01 }';
const PASSING = '{ "predicates": [{ "feature": "glucose", "op": "<", "value": 100 }], "maxValue": 0.9 }';
const EMPTY = '{ "name": "centenarians", "predicates": [{ "feature": "age", "op": ">=", "value": 120 }], "maxValue": 0.5 }';
const CONFIG = `{
  // saved slices are regression tests
  "models": [
    {
      "name": "logreg",
      "model": "logreg.onnx",
      "data": { "train": "train.csv", "test": "test.csv" },
      "target": "target",
      "slices": [
        ${REGRESSED},
        ${PASSING},
        ${EMPTY}
      ]
    }
  ]
}
`;

let ws: string;
let client: TestClient;

function rangeOf(text: string, needle: string) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  return { start: offsetToPosition(text, offset), end: offsetToPosition(text, offset + needle.length) };
}

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'modeldiag-saved-'));
  for (const f of ['logreg.onnx', 'train.csv', 'test.csv']) copyFileSync(fixturePath('real', 'pima', f), join(ws, f));
  writeFileSync(join(ws, 'modeldiag.json'), CONFIG);
  client = await startTestClient(ws);
});

after(async () => {
  await client?.stop();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('a regressed saved slice and one that matches no row are warnings at the exact JSON range of their entries', async () => {
  const config = fileUri(join(ws, 'modeldiag.json'));
  const ds = await client.waitFor('saved-slice diagnostics', () => {
    const d = client.diagnostics.get(config)?.filter((x) => x.code === 'jagged.slice');
    return d && d.length >= 2 ? d : undefined;
  }, 60000);
  assert.equal(ds.length, 2, ds.map((d) => String(d.message)).join('\n'));
  const regressed = ds.find((d) => /older women/.test(String(d.message)))!;
  assert.deepEqual(regressed.range, rangeOf(CONFIG, REGRESSED));
  assert.equal(regressed.severity, 2);
  assert.match(String(regressed.message), /regressed: error_rate \d+\.\d% on \d+ test rows, above its maximum 1\.0% \(overall \d+\.\d%\)/);
  const empty = ds.find((d) => /centenarians/.test(String(d.message)))!;
  assert.deepEqual(empty.range, rangeOf(CONFIG, EMPTY));
  assert.match(String(empty.message), /matches no test row/);

  const result: ReportResult = await client.connection.sendRequest(ReportRequest.method, {});
  const saved = result.folders[0].report!.models[0].savedSlices as SavedSliceResult[];
  assert.deepEqual(saved.map((s) => [s.index, s.status]), [[0, 'regressed'], [1, 'ok'], [2, 'empty']]);
  assert.ok(saved[0].value! > 0.01 && saved[0].size > 0 && saved[0].ci!.length === 2);
  assert.ok(saved[1].value! <= 0.9);
});

test('with unsaved edits in the editor, the saved slices are located in the editor\'s text, not the file on disk', async () => {
  const config = fileUri(join(ws, 'modeldiag.json'));
  // Three comment lines above the model: every saved slice moves three lines down.
  const edited = CONFIG.replace('  // saved slices are regression tests\n', '  // saved slices are regression tests\n  // one\n  // two\n  // three\n');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: config, languageId: 'jsonc', version: 1, text: edited } });
  const want = rangeOf(edited, REGRESSED);
  const regressed = await client.waitFor('the regressed slice at its range in the edited text', () => {
    const d = client.diagnostics.get(config)?.find((x) => x.code === 'jagged.slice' && /older women/.test(String(x.message)));
    return d && d.range.start.line === want.start.line ? d : undefined;
  }, 60000);
  assert.deepEqual(regressed.range, want);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: config } });
});

test('exportInvariantModel writes a model that loads and ignores the marginalised input, with progress under the client token', async () => {
  const out = join(ws, 'exports', 'logreg-no-age.onnx');
  const r: ExportInvariantResult = await client.connection.sendRequest(ExportInvariantRequest.method, {
    folder: fileUri(ws),
    model: 'logreg',
    sensitive: 'age',
    out: fileUri(out),
    workDoneToken: 'export-1',
  });
  assert.equal(r.outPath, out);
  assert.ok(existsSync(out));
  const session = await InferenceSession.create(out);
  assert.deepEqual(session.inputNames, ['input']);
  await session.release();
  assert.equal(r.sensitive, 'age');
  assert.equal(r.evaluatedOn, 'test');
  assert.ok(r.values > 1 && r.values <= 16, `values ${r.values}`);
  assert.ok(r.before.maxAbsScoreChange > 0.01, `before: ${r.before.maxAbsScoreChange}`);
  // Invariant: changing only age changes no score (float32 model: rounding only).
  assert.ok(r.after.maxAbsScoreChange < 1e-5, `after: ${r.after.maxAbsScoreChange}`);
  assert.equal(r.after.flipRate, 0);
  assert.ok(client.progress.some((p) => p.kind === 'begin') && client.progress.some((p) => /marginalising "age"/.test(p.message ?? '')));
});

test('BAD CALL exportInvariantModel: an input the model does not have is an error that names it', async () => {
  await assert.rejects(
    client.connection.sendRequest(ExportInvariantRequest.method, { folder: fileUri(ws), model: 'logreg', sensitive: 'zip', out: fileUri(join(ws, 'x.onnx')) }),
    (e: Error) => /"zip" is not an input of this model/.test(e.message),
  );
  await assert.rejects(
    client.connection.sendRequest(ExportInvariantRequest.method, { folder: fileUri(ws), model: 'nope', sensitive: 'age', out: fileUri(join(ws, 'x.onnx')) }),
    (e: Error) => /no analysable model "nope".*models: logreg/.test(e.message),
  );
});
