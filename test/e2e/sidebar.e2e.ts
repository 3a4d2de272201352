// The Model Diagnostics sidebar in a real VS Code (code-server + Chromium), on a copy of
// examples/: the activity-bar container with the Slices, Findings and Features views filled
// from the server's report, a slice expanded into its numbers, and a finding revealed.
// Screenshots go to test-results/e2e/sidebar-*.png. Needs `npm run build`.
import { after, before, describe } from 'node:test';
import { formatTimings, startSession, type Session } from './harness/session';
import { built, stepper } from './ideHelpers';
import { repoRoot } from './harness/tools';
import { copyExamples, type TempWorkspace } from './harness/workspaces';

const skip = built(['extension.js', 'server.js']) ? false : 'dist/extension.js or dist/server.js is missing: run `npm run build` first';

describe('Model Diagnostics sidebar in code-server', { skip }, () => {
  let session: Session;
  let ws: TempWorkspace;
  const { step, state } = stepper('sidebar', () => session);

  before(async () => {
    ws = copyExamples({ name: 'sidebar' });
    session = await startSession({ name: 'sidebar', workspace: ws.dir, extensions: [{ folder: repoRoot }] });
    console.log(`[e2e] sidebar: ${formatTimings(session.timings)}`);
  });

  after(async () => {
    await session?.stop({ failed: state.failed });
    if (state.failed) console.error(`[e2e] workspace kept at ${ws.dir}`);
    else ws?.remove();
  });

  step('the activity-bar container shows ranked slices per model once the analysis is ready', async () => {
    const item = await session.wb.waitForStatusBarItem('Model Diagnostics', 60_000);
    await item.locator('.codicon-check').waitFor({ state: 'visible', timeout: 180_000 });
    await session.page.locator('.activitybar [aria-label^="Model Diagnostics"]').first().click();
    await session.wb.waitForElement('.pane-header', { hasText: 'Slices' });
    await session.wb.waitForElement('.monaco-list-row', { hasText: 'region == 4 AND product_line == 2', timeoutMs: 60_000 });
    await session.wb.screenshot('sidebar-01-slices');
  });

  step('a slice expands into its predicates, size, metric vs baseline, lift, p and q', async () => {
    const row = await session.wb.waitForElement('.monaco-list-row', { hasText: 'region == 4 AND product_line == 2' });
    await row.locator('.monaco-tl-twistie').click();
    await session.wb.waitForElement('.monaco-list-row', { hasText: 'p / q' });
    await session.wb.screenshot('sidebar-02-slice-expanded');
  });

  step('Findings and Features views list the report', async () => {
    await session.page.locator('.pane-header', { hasText: 'Slices' }).first().click(); // collapse Slices to give room
    await session.wb.waitForElement('.monaco-list-row', { hasText: 'jagged.slice', timeoutMs: 30_000 });
    await session.wb.waitForElement('.monaco-list-row', { hasText: /\d\. \w+/, timeoutMs: 30_000 });
    await session.wb.screenshot('sidebar-03-findings-features');
  });

  step('clicking a finding with a feature reveals a reference to it', async () => {
    const row = await session.wb.waitForElement('.monaco-list-row', { hasText: 'credit-default: ' });
    await row.click();
    await session.wb.waitForElement('.monaco-editor .selected-text', { timeoutMs: 30_000 });
    await session.wb.screenshot('sidebar-04-reveal');
  });
});
