import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExplainRowResult, FolderReport, IpcMessage } from '../../../protocol/protocol';
import { ReadyRequest, ReportChangedNotification } from '../../../protocol/protocol';
import { stepLabel, waterfallSteps } from '../../../webviews/waterfall/waterfallData';
import { fairnessTables } from '../../../webviews/report/data/findingData';
import { ViewIpc } from '../../../webviews/shared/ipc';
import { mix, parseColor, withAlpha } from '../../../webviews/shared/theme';
import { pickFolder } from '../../../extension/webviews/reportFolder';

/** credit-default row 7 of examples/credit/test.csv as `explain --method treeshap` prints it. */
const ROW: ExplainRowResult = {
  model: 'credit-default',
  data: 'credit/test.csv',
  row: 7,
  method: 'treeshap',
  space: 'margin',
  features: ['annual_income_k', 'debt_to_income', 'credit_score', 'age', 'open_accounts', 'employment_years', 'loan_amount_k', 'collections_flag'],
  featureValues: [56.6, 0.391, 701, 60, 2, 13.6, 9.3, 0],
  attributions: [0.031036899578927073, 0.09747650675564179, -0.056699253495932855, 0.24574940175424453, 0.19045953640862612, -0.3450391350549634, -0.029785330686006677, -3.67137009348505],
  baseValue: -1.0327138166800849,
  prediction: -4.570885284904591,
  evaluationsPerRow: 0,
  efficiencyGap: 7.1e-15,
};

test('waterfall: base value, features by |φ| descending, prediction; each step starts where the last ended', () => {
  const steps = waterfallSteps(ROW);
  assert.equal(steps[0].kind, 'base');
  assert.equal(steps.at(-1)?.kind, 'prediction');
  const feats = steps.filter((s) => s.kind === 'feature');
  assert.equal(feats.length, ROW.features.length);
  assert.deepEqual(feats.slice(0, 3).map((s) => s.label), ['collections_flag', 'employment_years', 'age']);
  for (let i = 1; i < feats.length; i++) assert.ok(Math.abs(feats[i - 1].amount) >= Math.abs(feats[i].amount));
  for (let i = 1; i < steps.length - 1; i++) assert.equal(steps[i].start, steps[i - 1].end);
  assert.ok(Math.abs((feats.at(-1)?.end ?? NaN) - ROW.prediction) <= 1e-9, 'the chain ends at the prediction (efficiency)');
  assert.equal(stepLabel(feats[0]), 'collections_flag = 0');
});

test('waterfall: beyond the step limit the smallest contributions are summed into one step', () => {
  const steps = waterfallSteps(ROW, 4);
  const rest = steps.find((s) => s.kind === 'rest');
  assert.ok(rest);
  assert.equal(rest.label, '5 other features');
  assert.equal(steps.filter((s) => s.kind === 'feature').length, 3);
  assert.ok(Math.abs(rest.end - ROW.prediction) <= 1e-9);
});

test('fairness tables: per-group rates with CIs and the significant gaps from fairness.gap evidence', () => {
  const tables = fairnessTables([
    {
      id: 'fairness.gap',
      severity: 'info',
      features: ['race_minority'],
      message: '…',
      evidence: {
        grouping: 'race_minority',
        groups: [
          { group: 'race_minority=0', n: 1710, selection_rate: { value: 0.5836, ci: [0.5601, 0.6068], n: 1710 }, tpr: { value: 0.721, ci: [0.6918, 0.7483], n: 964 }, calibration_gap: -0.0235, mean_prediction: 0.5403, mean_outcome: 0.5637 },
          { group: 'race_minority=1', n: 690, selection_rate: { value: 0.3986, ci: [0.3627, 0.4355], n: 690 } },
        ],
        gaps: [{ group: 'race_minority=0', metric: 'selection', gap: 0.185, z: 8.1, n: 1710, q: 8e-16 }],
      },
    },
    { id: 'fairness.gap', severity: 'warning', feature: 'sex', message: 'flips', evidence: { flips: 3, counterfactual_rows: 100 } },
  ]);
  assert.equal(tables.length, 1, 'flip-rate findings have no group table');
  assert.equal(tables[0].grouping, 'race_minority');
  assert.deepEqual(tables[0].rows[0].selectionRate, { value: 0.5836, ci: [0.5601, 0.6068] });
  assert.equal(tables[0].rows[1].tpr, undefined);
  assert.deepEqual(tables[0].gaps.map((g) => [g.metric, g.gap, g.q]), [['selection', 0.185, 8e-16]]);
});

/** A fake page: what the view posts, and a way to deliver host messages. */
function fakePage() {
  const posted: IpcMessage[] = [];
  let listener: ((e: Event) => void) | undefined;
  const target = { addEventListener: (_t: string, l: EventListenerOrEventListenerObject) => void (listener = l as (e: Event) => void) } as Pick<Window, 'addEventListener'>;
  const deliver = (data: unknown) => listener?.({ data } as MessageEvent as Event);
  return { posted, target, deliver, api: { postMessage: (m: unknown) => void posted.push(m as IpcMessage) } };
}

test('view ipc: ready resolves with the completion carrying its completionId; notifications reach their handler', async () => {
  const page = fakePage();
  const ipc = new ViewIpc(page.api, page.target, 1000);
  const seen: string[] = [];
  ipc.onNotification(ReportChangedNotification, (p) => seen.push(p.report.root));
  const ready = ipc.ready('report');
  const req = page.posted[0];
  assert.equal(req.method, ReadyRequest.method);
  assert.ok(req.completionId);
  page.deliver({ id: 'h1', method: ReadyRequest.completion, completionId: 'other', params: { ok: true, result: { webview: 'modelCard' } } });
  page.deliver({ id: 'h2', method: ReadyRequest.completion, completionId: req.completionId, params: { ok: true, result: { webview: 'report' } } });
  assert.deepEqual(await ready, { webview: 'report' });
  page.deliver({ id: 'h3', method: ReportChangedNotification.method, params: { report: { root: '/r', version: '1', models: [], findings: [] } } });
  assert.deepEqual(seen, ['/r']);
});

test('view ipc: a request without an answer fails with an error naming it; a failed completion rejects with its error', async () => {
  const page = fakePage();
  await assert.rejects(new ViewIpc(page.api, page.target, 5).ready('report'), /webview\/ready: no answer from the extension within 5 ms/);
  const p2 = fakePage();
  const ipc = new ViewIpc(p2.api, p2.target, 1000);
  const ready = ipc.ready('waterfall');
  p2.deliver({ id: 'h1', method: ReadyRequest.completion, completionId: p2.posted[0].completionId, params: { ok: false, error: 'webview/ready: server gone' } });
  await assert.rejects(ready, /server gone/);
});

test('report folder: named folder, else the folder holding the model file, else by model name, else the first with a report', () => {
  const rep = (root: string, names: string[]) => ({ version: '1', root, findings: [], models: names.map((name) => ({ name, model: `${name}.onnx`, data: {}, task: 'classification' as const, target: 'y', features: [], metrics: {}, findings: [] })) });
  const folders: FolderReport[] = [
    { folder: 'file:///w/a', state: 'ready' },
    { folder: 'file:///w/b', state: 'ready', report: rep('/w/b', ['m1']) },
    { folder: 'file:///w/c', state: 'ready', report: rep('/w/c', ['m2']) },
  ];
  assert.equal(pickFolder(folders, { folder: 'file:///w/c/' })?.folder, 'file:///w/c');
  assert.equal(pickFolder(folders, { model: 'file:///w/c/sub/m.onnx' })?.folder, 'file:///w/c');
  assert.equal(pickFolder(folders, { model: 'm2' })?.folder, 'file:///w/c');
  assert.equal(pickFolder(folders, undefined)?.folder, 'file:///w/b');
});

test('theme colours: hex and rgb parse; alpha and blends stay valid CSS colours', () => {
  assert.deepEqual(parseColor('#3794ff'), [55, 148, 255, 1]);
  assert.deepEqual(parseColor('#fff'), [255, 255, 255, 1]);
  assert.deepEqual(parseColor('rgba(1, 2, 3, 0.5)'), [1, 2, 3, 0.5]);
  assert.equal(withAlpha('#3794ff', 0.25), 'rgba(55, 148, 255, 0.25)');
  assert.equal(mix('#000000', '#ffffff', 0.5), 'rgb(128, 128, 128)');
  assert.equal(withAlpha('var(--x)', 0.5), 'var(--x)');
});
