/** The server's per-folder scheduler: debounce, stale runs cancelled, waiters get the run that covers them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisScheduler, type RunHandle } from '../../server/lsp/analysisScheduler';

interface FakeRun {
  readonly id: number;
  cancelled: boolean;
  finish(): void;
}

function fakeStarter(): { runs: FakeRun[]; start: (folder: string) => RunHandle<string>; started: (n: number) => Promise<void> } {
  const runs: FakeRun[] = [];
  const onStart: (() => void)[] = [];
  return {
    runs,
    start: () => {
      const id = runs.length;
      let resolve!: (v: string) => void;
      const result = new Promise<string>((r) => (resolve = r));
      const run: FakeRun = {
        id,
        cancelled: false,
        finish: () => resolve(`run ${id}`),
      };
      runs.push(run);
      onStart.splice(0).forEach((f) => f());
      return {
        result,
        cancel: () => {
          run.cancelled = true;
          resolve(`run ${id} cancelled`);
        },
      };
    },
    started: (n) => (runs.length >= n ? Promise.resolve() : new Promise<void>((r) => onStart.push(() => (runs.length >= n ? r() : undefined)))),
  };
}

test('requests within the debounce window start one run', async () => {
  const f = fakeStarter();
  const finished: string[] = [];
  const s = new AnalysisScheduler<string>(5, f.start, (_, r) => finished.push(r));
  const a = s.schedule('/w');
  const b = s.schedule('/w');
  await f.started(1);
  f.runs[0].finish();
  assert.deepEqual(await Promise.all([a, b]), ['run 0', 'run 0']);
  assert.equal(f.runs.length, 1);
  assert.deepEqual(finished, ['run 0']);
});

test('a new request cancels the stale run, and its waiters get the newer result', async () => {
  const f = fakeStarter();
  const finished: string[] = [];
  const s = new AnalysisScheduler<string>(0, f.start, (_, r) => finished.push(r));
  const first = s.schedule('/w', { immediate: true });
  await f.started(1);
  const second = s.schedule('/w', { immediate: true });
  await f.started(2);
  assert.equal(f.runs[0].cancelled, true);
  f.runs[1].finish();
  assert.deepEqual(await Promise.all([first, second]), ['run 1', 'run 1']);
  assert.deepEqual(finished, ['run 1'], 'the cancelled run is not reported');
  assert.equal(s.isBusy('/w'), false);
});

test('a request cancels the running run at once, not when its debounce ends', async () => {
  const f = fakeStarter();
  const finished: string[] = [];
  const s = new AnalysisScheduler<string>(20, f.start, (_, r) => finished.push(r));
  const first = s.schedule('/w', { immediate: true });
  await f.started(1);
  const second = s.schedule('/w');
  assert.equal(f.runs[0].cancelled, true, 'cancelled by the request itself');
  assert.equal(f.runs.length, 1, 'the next run waits for the debounce');
  assert.equal(s.isBusy('/w'), true);
  const third = s.schedule('/w');
  await f.started(2);
  assert.equal(f.runs.length, 2, 'one run for both requests in the window');
  f.runs[1].finish();
  assert.deepEqual(await Promise.all([first, second, third]), ['run 1', 'run 1', 'run 1']);
  assert.deepEqual(finished, ['run 1']);
});

test('cancelling a folder resolves its waiters with undefined', async () => {
  const f = fakeStarter();
  const s = new AnalysisScheduler<string>(0, f.start, () => assert.fail('nothing finishes'));
  const waiting = s.schedule('/w', { immediate: true });
  await f.started(1);
  s.cancel('/w');
  assert.equal(await waiting, undefined);
  assert.equal(f.runs[0].cancelled, true);
});
