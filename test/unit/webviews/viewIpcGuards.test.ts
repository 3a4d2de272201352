/**
 * The view side of the checks (issue 8): host messages with an unknown method or a wrong shape
 * never reach a notification handler, and a malformed answer fails its request at once
 * (instead of resolving with something that is not a BootstrapState).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExplanationChangedNotification, FocusNotification, ReadyRequest, ReportChangedNotification, StatusChangedNotification, type IpcMessage } from '../../../protocol/protocol';
import { ViewIpc } from '../../../webviews/shared/ipc';

const REPORT = { version: '0.1.0', root: '/w', models: [{ name: 'm', model: 'm.onnx', data: {}, task: 'regression', target: 'y', features: ['a'], metrics: {}, findings: [] }], findings: [] };
const EXPLANATION = { model: 'm', data: '/w/d.csv', row: 3, method: 'exact', space: 'value', features: ['a'], featureValues: [1], attributions: [0.5], baseValue: 1, prediction: 1.5, evaluationsPerRow: 2, efficiencyGap: 0 };

function page() {
  const posted: IpcMessage[] = [];
  let listener: ((e: Event) => void) | undefined;
  const target = { addEventListener: (_t: string, l: EventListenerOrEventListenerObject) => void (listener = l as (e: Event) => void) } as Pick<Window, 'addEventListener'>;
  const deliver = (data: unknown) => listener?.({ data } as MessageEvent as Event);
  const ipc = new ViewIpc({ postMessage: (m: unknown) => void posted.push(m as IpcMessage) }, target, 1000);
  const seen: [string, unknown][] = [];
  for (const def of [ReportChangedNotification, StatusChangedNotification, FocusNotification, ExplanationChangedNotification]) ipc.onNotification(def, (p: unknown) => void seen.push([def.method, p]));
  return { ipc, posted, deliver, seen };
}

const note = (method: string, params: unknown) => ({ id: 'h1', method, params });

const HOSTILE_NOTIFICATIONS: readonly [string, unknown][] = [
  ['not an object', 'webview/reportChanged'],
  ['an array', [note(ReportChangedNotification.method, { report: REPORT })]],
  ['an unknown method', note('webview/runTerminal', { command: 'rm' })],
  ['a view → host method', note('webview/openFile', { file: '/etc/passwd' })],
  ['an unknown envelope key', { ...note(FocusNotification.method, {}), eval: '1' }],
  ['report missing', note(ReportChangedNotification.method, {})],
  ['report.models not an array', note(ReportChangedNotification.method, { report: { ...REPORT, models: {} } })],
  ['a model without a name', note(ReportChangedNotification.method, { report: { ...REPORT, models: [{ ...REPORT.models[0], name: 1 }] } })],
  ['a finding of unknown severity', note(ReportChangedNotification.method, { report: { ...REPORT, findings: [{ id: 'x', severity: 'fatal', message: 'm' }] } })],
  ['a status of unknown state', note(StatusChangedNotification.method, { state: 'exploded', message: '' })],
  ['a status whose progress is text', note(StatusChangedNotification.method, { state: 'analysing', message: '', progress: '1/2' })],
  ['a focus on an unknown section', note(FocusNotification.method, { section: 'terminal' })],
  ['a focus with a __proto__ key', JSON.parse('{"id":"h1","method":"webview/focus","params":{"__proto__":{"section":"slices"}}}')],
  ['an explanation whose attributions are text', note(ExplanationChangedNotification.method, { explanation: { ...EXPLANATION, attributions: ['0.5'] } })],
  ['an explanation with a negative row', note(ExplanationChangedNotification.method, { explanation: { ...EXPLANATION, row: -1 } })],
];

test('hostile host → view messages never reach a handler', () => {
  const p = page();
  for (const [name, m] of HOSTILE_NOTIFICATIONS) {
    assert.doesNotThrow(() => p.deliver(m), name);
    assert.deepEqual(p.seen, [], `${name} reached a handler`);
  }
});

test('well-formed notifications do (NaN turned null by the host JSON is still a number slot)', () => {
  const p = page();
  p.deliver(note(ReportChangedNotification.method, { report: REPORT }));
  p.deliver(note(StatusChangedNotification.method, { state: 'analysing', message: 'analysing m', progress: { done: 1, total: 2 } }));
  p.deliver(note(FocusNotification.method, { model: 'm', section: 'slices', slice: 2 }));
  p.deliver(note(ExplanationChangedNotification.method, { explanation: { ...EXPLANATION, attributions: [null], featureValues: ['cat'] } }));
  assert.deepEqual(p.seen.map(([m]) => m), [ReportChangedNotification.method, StatusChangedNotification.method, FocusNotification.method, ExplanationChangedNotification.method]);
});

test('a malformed answer to ready fails the request at once, naming it; a stray completion is ignored', async () => {
  const p = page();
  const ready = p.ipc.ready('report');
  const completionId = p.posted[0].completionId;
  p.deliver({ id: 'h1', method: 'webview/other/completion', completionId, params: { ok: true, result: { webview: 'report' } } });
  p.deliver({ id: 'h2', method: ReadyRequest.completion, completionId, params: { ok: true, result: { webview: 'terminal' } } });
  await assert.rejects(ready, /^Error: webview\/ready: malformed answer from the extension \(params\.result\.webview must be one of/);
});

test('an answer with a report of the wrong shape fails too; a good one resolves', async () => {
  const p = page();
  const bad = p.ipc.ready('report');
  p.deliver({ id: 'h1', method: ReadyRequest.completion, completionId: p.posted[0].completionId, params: { ok: true, result: { webview: 'report', report: { ...REPORT, root: 7 } } } });
  await assert.rejects(bad, /params\.result\.report\.root must be a string/);
  const good = p.ipc.ready('report');
  p.deliver({ id: 'h2', method: ReadyRequest.completion, completionId: p.posted[1].completionId, params: { ok: true, result: { webview: 'report', report: REPORT, focus: { section: 'overview' } } } });
  assert.equal((await good).report?.root, '/w');
});
