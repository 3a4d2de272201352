/**
 * HostIpc at the edge (issue 8): every hostile message of the corpus is refused with a warning
 * in the log, no handler or bootstrap runs, nothing is posted, nothing throws; well-formed
 * messages reach their handler with their params.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OpenFileCommand, OpenReportCommand, ReadyRequest, RerunCommand, type BootstrapState, type WebviewKind } from '../../../protocol/protocol';
import { HostIpc, type IpcWebview } from '../../../extension/webviews/hostIpc';
import { HOSTILE_MESSAGES } from './hostileMessages';

/** A webview as HostIpc sees it: messages in through `deliver`, out into `posted`. */
function fakeWebview() {
  let listener: ((m: unknown) => void) | undefined;
  const posted: unknown[] = [];
  const webview: IpcWebview = {
    onDidReceiveMessage: (l: (m: unknown) => unknown) => {
      listener = l;
      return { dispose: () => (listener = undefined) };
    },
    postMessage: async (m: unknown) => (posted.push(m), true),
  };
  return { webview, posted, deliver: (m: unknown) => listener?.(m) };
}

/** A report view's HostIpc with recording handlers for every view → host command. */
function host(kind: WebviewKind = 'report') {
  const page = fakeWebview();
  const log: string[] = [];
  const calls: [string, unknown][] = [];
  let bootstraps = 0;
  const bootstrap = async (): Promise<BootstrapState> => (bootstraps++, { webview: kind });
  const ipc = new HostIpc(page.webview, kind, bootstrap, (m) => log.push(m))
    .onCommand(OpenFileCommand, (p) => void calls.push([OpenFileCommand.method, p]))
    .onCommand(OpenReportCommand, (p) => void calls.push([OpenReportCommand.method, p]))
    .onCommand(RerunCommand, (p) => void calls.push([RerunCommand.method, p]));
  return { ipc, page, log, calls, bootstraps: () => bootstraps };
}

/** Lets HostIpc's async receive (bootstrap, handler) finish. */
const settle = () => new Promise((r) => setImmediate(r));

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
before(() => process.on('unhandledRejection', onUnhandled));
after(() => {
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejections');
});

describe('HostIpc refuses hostile messages', () => {
  test('the corpus holds at least 20 cases, each named once', () => {
    assert.ok(HOSTILE_MESSAGES.length >= 20, `${HOSTILE_MESSAGES.length} cases`);
    assert.equal(new Set(HOSTILE_MESSAGES.map((c) => c.name)).size, HOSTILE_MESSAGES.length);
  });

  for (const c of HOSTILE_MESSAGES) {
    test(`refused: ${c.name}`, async () => {
      const h = host();
      assert.doesNotThrow(() => h.page.deliver(c.message()));
      await settle();
      assert.deepEqual(h.calls, [], 'no handler ran');
      assert.equal(h.bootstraps(), 0, 'no bootstrap ran');
      assert.deepEqual(h.page.posted, [], 'nothing was posted');
      assert.equal(h.ipc.isReady, false);
      assert.equal(h.log.length, 1, `one warning: ${JSON.stringify(h.log)}`);
      assert.match(h.log[0], /^report webview: rejected /);
      assert.match(h.log[0], c.expect);
      assert.ok(h.log[0].length < 600, `the warning stays short: ${h.log[0].length} characters`);
    });
  }

  test('a refused message does not stop the next valid one', async () => {
    const h = host();
    for (const c of HOSTILE_MESSAGES) h.page.deliver(c.message());
    h.page.deliver({ id: 'v9', method: OpenFileCommand.method, params: { file: '/w/a.csv', line: 3 } });
    await settle();
    assert.equal(h.log.length, HOSTILE_MESSAGES.length);
    assert.deepEqual(h.calls, [[OpenFileCommand.method, { file: '/w/a.csv', line: 3 }]]);
  });
});

describe('HostIpc passes valid messages', () => {
  const valid: readonly [string, unknown][] = [
    [OpenFileCommand.method, { file: '/w/credit/test.csv' }],
    [OpenFileCommand.method, { file: 'file:///w/credit/test.csv', line: 12, column: 1 }],
    [OpenFileCommand.method, { file: '/w/a.csv', line: undefined }],
    [OpenReportCommand.method, {}],
    [OpenReportCommand.method, { model: 'file:///w/credit/model.onnx', section: 'slices', slice: 0 }],
    [RerunCommand.method, {}],
    [RerunCommand.method, { folder: 'file:///w' }],
  ];
  for (const [method, params] of valid) {
    test(`${method} ${JSON.stringify(params)} reaches its handler`, async () => {
      const h = host();
      h.page.deliver({ id: 'v1', method, params });
      await settle();
      assert.deepEqual(h.log, []);
      assert.deepEqual(h.calls, [[method, params]]);
    });
  }

  test('params with a null prototype (no inherited fields at all) are accepted', async () => {
    const h = host();
    const params = Object.assign(Object.create(null) as object, { file: '/w/a.csv' });
    h.page.deliver({ id: 'v1', method: OpenFileCommand.method, params });
    await settle();
    assert.equal(h.calls.length, 1);
  });

  test('ready: answered with the bootstrap under the completion method and id; then the view is ready', async () => {
    const h = host('waterfall');
    h.page.deliver({ id: 'v1', method: ReadyRequest.method, params: { webview: 'waterfall' }, completionId: 'v1' });
    await settle();
    assert.equal(h.bootstraps(), 1);
    assert.equal(h.page.posted.length, 1);
    assert.deepEqual(h.page.posted[0], { id: 'h1', method: ReadyRequest.completion, params: { ok: true, result: { webview: 'waterfall' } }, completionId: 'v1' });
    assert.equal(h.ipc.isReady, true);
  });

  test('a handler that throws is logged as failed and does not throw into the dispatch', async () => {
    const page = fakeWebview();
    const log: string[] = [];
    new HostIpc(page.webview, 'report', async () => ({ webview: 'report' }), (m) => log.push(m)).onCommand(OpenFileCommand, async (p) => {
      throw new Error(`not opened: ${p.file} is outside the workspace folders`);
    });
    assert.doesNotThrow(() => page.deliver({ id: 'v1', method: OpenFileCommand.method, params: { file: '/etc/passwd' } }));
    await settle();
    assert.deepEqual(log, ['report webview: webview/openFile failed: not opened: /etc/passwd is outside the workspace folders']);
  });

  test('a command without a registered handler in this view is refused as unknown', async () => {
    const page = fakeWebview();
    const log: string[] = [];
    new HostIpc(page.webview, 'waterfall', async () => ({ webview: 'waterfall' }), (m) => log.push(m)).onCommand(OpenFileCommand, () => undefined);
    page.deliver({ id: 'v1', method: RerunCommand.method, params: {} });
    await settle();
    assert.deepEqual(log, ['waterfall webview: rejected unknown method "webview/rerun"']);
  });
});
