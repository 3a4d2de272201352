// The language server's restart policy (extension/serverRestartPolicy.ts): crash times in,
// restart or stop out. Pure, so no VS Code is needed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVER_RESTART_POLICY, decideRestart, describeExit, describeWindow, type RestartPolicy } from '../../../extension/serverRestartPolicy';

const MIN = 60_000;
const policy: RestartPolicy = { maxRestarts: 5, windowMs: 3 * MIN };

/** Feeds crashes one by one through the policy, as the error handler does; returns each decision. */
function run(times: readonly number[], p: RestartPolicy = policy): boolean[] {
  let history: readonly number[] = [];
  return times.map((t) => {
    const d = decideRestart(history, t, p);
    history = d.crashes;
    return d.restart;
  });
}

describe('decideRestart', () => {
  test('the shipped policy is 5 restarts within 3 minutes', () => {
    assert.deepEqual(SERVER_RESTART_POLICY, { maxRestarts: 5, windowMs: 3 * MIN });
  });

  test('the first crash restarts, with maxRestarts - 1 restarts left', () => {
    const d = decideRestart([], 1000, policy);
    assert.equal(d.restart, true);
    assert.deepEqual(d.crashes, [1000]);
    assert.equal(d.remaining, 4);
  });

  test('5 crashes in a burst restart, the 6th stops', () => {
    assert.deepEqual(run([0, 1, 2, 3, 4, 5].map((i) => i * 1000)), [true, true, true, true, true, false]);
  });

  test('a stopping decision leaves no restarts', () => {
    const d = decideRestart([1, 2, 3, 4, 5], 6, policy);
    assert.equal(d.restart, false);
    assert.equal(d.remaining, 0);
    assert.equal(d.crashes.length, 6);
  });

  test('crashes spread wider than the window restart forever', () => {
    // One crash a minute: never more than 3 inside a 3-minute window.
    const times = Array.from({ length: 50 }, (_, i) => i * MIN);
    assert.ok(run(times).every((r) => r));
  });

  test('the window slides: a crash exactly windowMs after an old one no longer counts it', () => {
    // 5 crashes at t = 0..4 s; the 6th at 3 min + 0 s drops t = 0, so 5 are in the window.
    const times = [0, 1000, 2000, 3000, 4000, 3 * MIN];
    assert.deepEqual(run(times), [true, true, true, true, true, true]);
    // One millisecond earlier, t = 0 is still inside: stop.
    assert.deepEqual(run([...times.slice(0, 5), 3 * MIN - 1]), [true, true, true, true, true, false]);
  });

  test('old crashes are forgotten from the returned history', () => {
    const d = decideRestart([0, 10 * MIN], 11 * MIN, policy);
    assert.deepEqual(d.crashes, [10 * MIN, 11 * MIN]);
  });

  test('history order does not matter; the result is sorted, this crash last', () => {
    const d = decideRestart([30_000, 10_000, 20_000], 40_000, policy);
    assert.deepEqual(d.crashes, [10_000, 20_000, 30_000, 40_000]);
  });

  test('a crash time after now (the clock stepped back) still counts as recent', () => {
    const d = decideRestart([5000, 5000, 5000, 5000, 5000], 1000, policy);
    assert.equal(d.restart, false);
  });

  test('maxRestarts 0 never restarts', () => {
    assert.deepEqual(run([0], { maxRestarts: 0, windowMs: MIN }), [false]);
  });

  test('after a stop, a crash outside the window of the earlier ones restarts again', () => {
    // The handler keeps the history through a stop; Restart Server makes a fresh handler, but
    // even the same history ages out.
    assert.deepEqual(run([0, 1, 2, 3, 4, 5, 10 * MIN]), [true, true, true, true, true, false, true]);
  });
});

describe('describeExit / describeWindow', () => {
  test('a signal wins over a code, then the code, else unknown', () => {
    assert.equal(describeExit(null, 'SIGKILL'), 'signal SIGKILL');
    assert.equal(describeExit(134, null), 'exit code 134');
    assert.equal(describeExit(0, null), 'exit code 0');
    assert.equal(describeExit(undefined, undefined), 'exit status unknown');
  });

  test('windows in whole minutes read as minutes, others as seconds', () => {
    assert.equal(describeWindow(policy), '3 minutes');
    assert.equal(describeWindow({ maxRestarts: 1, windowMs: MIN }), '1 minute');
    assert.equal(describeWindow({ maxRestarts: 1, windowMs: 90_000 }), '90 seconds');
  });
});
