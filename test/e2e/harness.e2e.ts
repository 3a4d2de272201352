// Proves the harness itself with a throwaway extension (no product code needed): a real VS Code
// starts, opens a workspace, and each helper the product tests rely on finds what it waits for.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packProbeVsix, PROBE, writeProbeExtension } from './harness/probeExtension';
import { formatTimings, startSession, type Session } from './harness/session';

describe('e2e harness (probe extension in code-server)', () => {
  let session: Session;
  let failed = false;
  const probe = writeProbeExtension();

  before(async () => {
    // The product tests symlink the repo as an unpacked extension; this one covers the VSIX path.
    session = await startSession({ name: 'harness', workspace: probe.workspaceDir, extensions: [{ vsix: packProbeVsix(probe.extensionDir) }] });
    console.log(`[e2e] harness: ${formatTimings(session.timings)}`);
  });

  after(async () => {
    await session?.stop({ failed });
    if (!failed) rmSync(dirname(probe.extensionDir), { recursive: true, force: true });
  });

  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (error) {
        failed = true;
        throw error;
      }
    });

  step('activates the extension: its status-bar item shows', async () => {
    await session.wb.waitForStatusBarItem(PROBE.statusText);
    await session.wb.screenshot('harness-01-started');
  });

  step('shows the extension diagnostic in the Problems panel', async () => {
    const row = await session.wb.waitForProblem(PROBE.diagnostic);
    assert.match(await row.innerText(), /no_such_column/);
    await session.wb.screenshot('harness-02-problems');
  });

  step('runs a palette command: notification and status bar update', async () => {
    const started = performance.now();
    await session.wb.runCommand(PROBE.helloCommand);
    await session.wb.waitForNotification(PROBE.helloMessage, { closeCenter: false });
    await session.wb.waitForStatusBarItem('probe: 1 run');
    console.log(`[e2e] harness: palette command to notification ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await session.wb.screenshot('harness-03-command');
    await session.wb.hideNotifications();
  });

  step('renders a webview (nested iframes)', async () => {
    const started = performance.now();
    await session.wb.runCommand(PROBE.webviewCommand);
    const frame = await session.wb.webview({ readySelector: '#probe' });
    assert.equal(await frame.locator('#probe').innerText(), PROBE.webviewHeading);
    console.log(`[e2e] harness: palette command to webview ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await session.wb.screenshot('harness-04-webview');
  });

  step('reports no unexpected page errors', async () => {
    const errors = session.browser.errors.filter((e) => e.startsWith('pageerror'));
    assert.deepEqual(errors, []);
  });
});
