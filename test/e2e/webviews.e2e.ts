// The report, the model card, Export Report… and Explain Row in a real VS Code (code-server +
// Chromium) on a copy of examples/. Screenshots go to test-results/e2e/webviews-*.png: look at
// them to see the charts drawn with the report's numbers. After each view has drawn, no
// Content-Security-Policy violation may have been reported by any webview. Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { CspWatch } from './harness/cspWatch';
import { formatTimings, startSession, type Session } from './harness/session';
import { built, stepper } from './ideHelpers';
import { repoRoot } from './harness/tools';
import { copyExamples, type TempWorkspace } from './harness/workspaces';

/** The extension under test: the repo, or MD_E2E_EXTENSION_DIR (e.g. a scratch build with an inline script, to see the CSP check fail). */
const extensionDir = process.env.MD_E2E_EXTENSION_DIR || repoRoot;
const skip = built(['extension.js', 'server.js', 'webviews/report.js', 'webviews/modelCard.js'], extensionDir) ? false : 'dist/ is incomplete: run `npm run build` first';

describe('Model Diagnostics webviews in code-server', { skip }, () => {
  let session: Session;
  let ws: TempWorkspace;
  const csp = new CspWatch();
  const { step, state } = stepper('webviews', () => session);

  /** The webview (of several: report, model card, waterfall) whose page shows `selector`. */
  const findWebview = async (selector: string, hasText?: string | RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = await session.page.locator('iframe.webview.ready').count();
      for (let i = 0; i < n; i++) {
        const frame = await session.wb.webview({ index: i, timeoutMs: 5_000 }).catch(() => undefined);
        if (frame && (await frame.locator(selector, hasText ? { hasText } : undefined).first().isVisible().catch(() => false))) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector}${hasText ? ` with ${String(hasText)}` : ''} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250)); // polling the frames; each check above is itself a condition
    }
  };

  /** The views drawn so far raised no CSP violation (console reports and the frames' own listeners). */
  const assertNoCspViolations = async (after: string) => {
    assert.ok(csp.contentFrames(session.page) > 0, `${after}: no webview frame to check`);
    const found = await csp.violations(session.page);
    assert.deepEqual(found, [], `${after}: the webviews raised CSP violations`);
  };

  /** Runs a palette command that opens its own quick pick or input box (Workbench.runCommand waits for the palette to close). */
  const startCommand = async (label: string) => {
    const input = session.page.locator('.quick-input-widget .quick-input-box input');
    await session.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    await session.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first().waitFor({ state: 'visible' });
    await session.page.keyboard.press('Enter');
    await session.page.waitForFunction((l) => !(document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value.startsWith(`>${String(l)}`), label);
    return input;
  };

  before(async () => {
    ws = copyExamples({ name: 'webviews' });
    session = await startSession({ name: 'webviews', workspace: ws.dir, extensions: [{ folder: extensionDir }], beforeOpen: (page) => csp.attach(page) });
    console.log(`[e2e] webviews: ${formatTimings(session.timings)}`);
  });

  after(async () => {
    if (csp.elsewhere.length) console.log(`[e2e] CSP reports outside the webviews (workbench policy, not checked):\n  ${csp.elsewhere.slice(0, 5).join('\n  ')}`);
    await session?.stop({ failed: state.failed });
    if (state.failed) console.error(`[e2e] workspace kept at ${ws.dir}`);
    else ws?.remove();
  });

  step('Open Report shows the overview with metrics and a reliability diagram', async () => {
    const item = await session.wb.waitForStatusBarItem('Model Diagnostics', 60_000);
    await item.locator('.codicon-check').waitFor({ state: 'visible', timeout: 180_000 });
    await session.wb.runCommand('Model Diagnostics: Open Report');
    const frame = await session.wb.webview({ readySelector: '[role=tablist]', timeoutMs: 60_000 });
    await frame.locator('table td', { hasText: 'test' }).first().waitFor({ state: 'visible' });
    await frame.locator('canvas').first().waitFor({ state: 'visible' });
    await session.wb.screenshot('webviews-01-overview');
    await assertNoCspViolations('report overview');
  });

  step('an .onnx file opens as the model card, and its button opens the report on that model', async () => {
    await session.wb.openFile('credit/model.onnx');
    const frame = await findWebview('button.button', 'Open report');
    await frame.locator('h2', { hasText: 'Analysis: credit-default' }).waitFor({ state: 'visible', timeout: 60_000 });
    await session.wb.screenshot('webviews-02-model-card');
    await assertNoCspViolations('model card');
    await frame.locator('button.button', { hasText: 'Open report' }).click();
    await session.page.locator('.tabs-container .tab.active', { hasText: 'Model Diagnostics' }).waitFor({ state: 'visible' });
    const report = await findWebview('select#model');
    await report.locator('select#model option[selected]', { hasText: 'credit-default' }).waitFor({ state: 'attached' });
  });

  for (const [i, tab, selector] of [
    [3, 'Attribution', '.quality .grade'],
    [4, 'Shape curves', 'figure.shape canvas'],
    [5, 'Slices', 'table.slices tbody tr'],
    [6, 'Leakage & fairness', '.finding-group'],
  ] as const) {
    step(`the ${tab} section draws from the report`, async () => {
      const frame = await findWebview('[role=tablist]');
      await frame.locator('[role=tab]', { hasText: tab }).click();
      await frame.locator(`[role=tab][aria-selected=true]`, { hasText: tab }).waitFor({ state: 'visible' });
      await frame.locator(selector).first().waitFor({ state: 'visible' });
      await session.wb.screenshot(`webviews-0${i}-${tab.split(' ')[0].toLowerCase()}`);
      await assertNoCspViolations(`report ${tab}`);
    });
  }

  step('Export Report… writes the self-contained HTML report where the save dialog says', async () => {
    const input = await startCommand('Model Diagnostics: Export Report…');
    await session.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'SARIF' }).first().waitFor({ state: 'visible' });
    await input.fill('HTML');
    await session.page.keyboard.press('Enter');
    // code-server's simple save dialog: the default path is prefilled; accept it.
    await session.page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible' });
    await session.page.waitForFunction(() => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value.endsWith('model-diagnostics-report.html') ?? false);
    await session.page.keyboard.press('Enter');
    await session.wb.waitForNotification(/report exported to/, { timeoutMs: 30_000 });
    const html = readFileSync(join(ws.dir, 'model-diagnostics-report.html'), 'utf8');
    assert.match(html, /credit-default/);
    assert.ok(!html.includes('<script'));
  });

  step('Explain Row on a test row shows the waterfall, or the server’s error', async () => {
    await session.wb.openFile('credit/test.csv');
    const input = await startCommand('Model Diagnostics: Explain Row');
    await session.page.locator('.quick-input-widget', { hasText: '0-based data row' }).first().waitFor({ state: 'visible' });
    await input.fill('7');
    await session.page.keyboard.press('Enter');
    const waterfall = session.page.locator('.tabs-container .tab', { hasText: 'Row 7' }).first();
    const outcome = await Promise.race([
      waterfall.waitFor({ state: 'visible', timeout: 60_000 }).then(() => 'waterfall' as const),
      session.wb.waitForNotification(/could not explain row 7/, { timeoutMs: 60_000, closeCenter: false }).then((m) => m),
    ]);
    if (outcome === 'waterfall') {
      const frame = await findWebview('h1', /Row 7 of/);
      await frame.locator('canvas').first().waitFor({ state: 'visible' });
      await assertNoCspViolations('waterfall');
    }
    console.log(`[e2e] explain row: ${outcome}`);
    await session.wb.screenshot('webviews-07-explain-row');
  });
});
