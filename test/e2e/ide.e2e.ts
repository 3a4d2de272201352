// Issue 6 acceptance in a real VS Code (code-server + Chromium) on a temp copy of examples/:
//   1. a leak.target error squiggle on the "collections_flag" literal of credit/train_credit.py,
//      and its Problems row;
//   2. the hover on that literal: importance rank/value with CI, permutation importance, sparkline;
//   3. Open Report: every section (overview, attribution, shape curves, slices, leakage & fairness)
//      drawn with real numbers inside the nested webview iframes;
//   4. "Explain this row" (the CodeLens on a row of churn/test.csv) draws a waterfall;
//   5. an .onnx file opens as the model card (inputs/outputs, operators, parameters);
//   6. the Slices, Findings and Features views of the activity-bar container fill.
// Screenshots: test-results/e2e/ide-*.png (a failing step adds ide-FAIL-<step>.png). Needs
// `npm run build`. MD_E2E_SMOKE=1 runs only activation, the Python diagnostic, the hover and the
// report overview (the CI smoke subset).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { formatTimings, startSession, type Session } from './harness/session';
import { repoRoot } from './harness/tools';
import { copyExamples, type TempWorkspace } from './harness/workspaces';
import type { FrameLocator } from './harness/playwright';
import { built, elementShot, pollUntil, realNumbers, rich, scanServerLogs, since, stepper, waitForPaintedCanvases } from './ideHelpers';

/** The extension under test: the repo, or MD_E2E_EXTENSION_DIR (e.g. a deliberately broken scratch build). */
const extensionDir = process.env.MD_E2E_EXTENSION_DIR || repoRoot;
const ready = built(['extension.js', 'server.js', 'webviews/report.js', 'webviews/modelCard.js'], extensionDir);
const skip = ready ? false : 'dist/ is incomplete: run `npm run build` first';
const smoke = process.env.MD_E2E_SMOKE === '1';
const notInSmoke: { skip?: string } = smoke ? { skip: 'not in the smoke subset (MD_E2E_SMOKE=1)' } : {};

/** Waits for analysis results: the status-bar item's ready ($(check)) icon. */
const ANALYSIS_TIMEOUT = 180_000;
const WEBVIEW_TIMEOUT = 60_000;

const LEAK = 'collections_flag';

/**
 * The temp copy of examples/ as committed, except that churn also declares `sensitive: ["region"]`,
 * so the report's fairness tables have groups to show (examples/ has no significant fairness gap).
 */
function prepareWorkspace(ws: TempWorkspace): void {
  const file = join(ws.dir, 'modeldiag.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { models: { name: string; sensitive?: string[] }[] };
  const churn = config.models.find((m) => m.name === 'churn');
  assert.ok(churn, 'examples/modeldiag.json has no churn model');
  churn.sensitive = [...new Set([...(churn.sensitive ?? []), 'region'])];
  ws.write('modeldiag.json', config);
}

describe('IDE acceptance (issue 6) in code-server', { skip }, () => {
  let session: Session | undefined;
  let ws: TempWorkspace | undefined;
  const { step, state } = stepper('ide', () => session);
  const t0 = performance.now();

  before(async () => {
    ws = copyExamples({ name: 'ide' });
    prepareWorkspace(ws);
    session = await startSession({ name: 'ide', workspace: ws.dir, extensions: [{ folder: extensionDir }] });
    console.log(`[e2e] ide: extension ${extensionDir}; ${formatTimings(session.timings)}`);
  });

  after(async () => {
    if (session) {
      const scan = scanServerLogs(session.server.runDir, 'ide');
      if (scan.outputLog) console.log(`[e2e] ide: Model Diagnostics output channel copied to ${scan.outputLog}`);
      for (const c of scan.crashes) console.error(`[e2e] ide: LANGUAGE SERVER CRASH/RESTART in ${c.file}:\n  ${c.lines.join('\n  ')}`);
      if (scan.crashes.length) state.failed = true;
      await session.stop({ failed: state.failed });
    }
    if (state.failed) console.error(`[e2e] ide: workspace kept at ${ws?.dir}`);
    else ws?.remove();
    console.log(`[e2e] ide: whole file ${since(t0)}`);
  });

  const s = (): Session => {
    assert.ok(session, 'no session');
    return session;
  };

  const closeAllEditors = async (): Promise<void> => {
    await s().wb.runCommand('View: Close All Editors');
    await s().page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
  };

  /** The only webview on screen (callers close the other editors first), once `readySelector` shows. */
  const onlyWebview = async (readySelector: string, hasText?: string | RegExp): Promise<FrameLocator> => {
    let count = 0;
    await pollUntil('exactly one webview', async () => (count = await s().page.locator('iframe.webview.ready').count()) === 1, WEBVIEW_TIMEOUT, () => `${count} webviews (iframe.webview.ready)`);
    try {
      return await s().wb.webview({ readySelector, hasText, timeoutMs: WEBVIEW_TIMEOUT });
    } catch (e) {
      const body = await s().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body').innerText({ timeout: 2000 }).catch(() => '(no page)');
      throw new Error(`the webview never showed ${readySelector}${hasText ? ` with ${String(hasText)}` : ''} (is its script running? did it answer webview/ready?); its page says: ${JSON.stringify(body.slice(0, 300))}\n${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };

  step('activates and finishes the analysis (status bar ready)', async () => {
    const t = performance.now();
    const item = await s().wb.waitForStatusBarItem('Model Diagnostics', 60_000);
    await item.locator('.codicon-check').waitFor({ state: 'visible', timeout: ANALYSIS_TIMEOUT });
    console.log(`[e2e] ide: analysis ready ${since(t)} after the workbench`);
  });

  step('1. the "collections_flag" literal of credit/train_credit.py has a leak.target error squiggle and a Problems row', async () => {
    const { wb, page } = s();
    const t = performance.now();
    await wb.openFile('credit/train_credit.py');
    // The literal's token in the editor, and an error squiggle whose box overlaps it.
    const token = page.locator('.monaco-editor .view-line span span', { hasText: LEAK }).first();
    await token.waitFor({ state: 'visible' });
    let seen = '';
    await pollUntil(
      `an error squiggle under "${LEAK}"`,
      async () => {
        // Both boxes are read on every probe: tokenization may re-render the line.
        const box = await rich(token).boundingBox();
        const squiggles = page.locator('.monaco-editor .view-overlays .squiggly-error');
        const n = await squiggles.count();
        seen = `token box ${JSON.stringify(box)}, ${n} error squiggles`;
        if (!box) return false;
        for (let i = 0; i < n; i++) {
          const b = await rich(squiggles.nth(i)).boundingBox();
          if (b && b.x < box.x + box.width && b.x + b.width > box.x && b.y < box.y + box.height && b.y + b.height > box.y) return true;
        }
        return false;
      },
      60_000,
      () => seen,
    );
    console.log(`[e2e] ide: squiggle under the literal ${since(t)} after opening the file`);
    const row = await wb.waitForProblem(new RegExp(`'${LEAK}'`), 60_000);
    const text = await row.innerText();
    assert.match(text, /leak\.target/, `the Problems row does not name the finding id leak.target: ${JSON.stringify(text)}`);
    assert.match(text, /\[Ln 14, Col 6\]/, `the Problems row is not at the literal (line 14, column 6): ${text}`);
    await wb.screenshot('ide-01-diagnostic');
  });

  step('2. the hover on the literal shows importance rank and value with CI, permutation importance and a sparkline', async () => {
    const { wb, page } = s();
    // Cursor into the literal (Go to Line 14:6), then Show or Focus Hover.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(':14:6');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await wb.runCommand('Show or Focus Hover');
    const hover = await wb.waitForElement('.monaco-hover:not(.hidden)', { hasText: 'Importance', timeoutMs: 30_000 });
    const text = await hover.innerText();
    assert.match(text, new RegExp(`${LEAK}.*credit-default`, 's'), `hover is not about ${LEAK} of credit-default: ${text}`);
    assert.match(text, /rank \d+ of \d+ · mean \|φ\| \d+\.\d+ \(95% CI \d+\.\d+–\d+\.\d+\)/, `no importance rank/value/CI: ${text}`);
    assert.match(text, /Permutation[^\n]*\t?\s*-?\d+\.\d+ \(95% CI -?\d+\.\d+–-?\d+\.\d+\) · rank \d+/i, `no permutation importance: ${text}`);
    assert.match(text, /[▁▂▃▄▅▆▇█]{2,}/, `no sparkline: ${text}`);
    assert.match(text, /leak\.target/, `the hover does not mention the leak: ${text}`);
    realNumbers(text, 'the hover', 6);
    await wb.screenshot('ide-02-hover');
    await page.keyboard.press('Escape');
  });

  // ── 3. the report, section by section ──
  let report: FrameLocator | undefined;
  const reportFrame = (): FrameLocator => {
    assert.ok(report, 'the report did not open (see the step above)');
    return report;
  };
  const showSection = async (title: string, model: string): Promise<FrameLocator> => {
    const f = reportFrame();
    await rich(f.locator('select#model')).selectOption(model);
    await f.locator('select#model option[selected]', { hasText: model }).waitFor({ state: 'attached' });
    await f.locator('[role=tab]', { hasText: title }).click();
    await f.locator('[role=tab][aria-selected=true]', { hasText: title }).waitFor({ state: 'visible' });
    return f;
  };

  step('3a. Open Report: overview with the metrics table and the reliability diagram', async () => {
    const { wb } = s();
    await closeAllEditors();
    // The Problems panel would cover half of the report: hide it for the screenshots.
    if (await s().page.locator('.part.panel').isVisible()) {
      await wb.runCommand('View: Toggle Panel Visibility');
      await s().page.locator('.part.panel').waitFor({ state: 'hidden' });
    }
    const t = performance.now();
    await wb.runCommand('Model Diagnostics: Open Report');
    report = await onlyWebview('[role=tablist]');
    console.log(`[e2e] ide: Open Report to its tab list ${since(t)}`);
    const f = await showSection('Overview', 'credit-default');
    const panel = f.locator('#panel-overview');
    await panel.locator('table').first().waitFor({ state: 'visible' });
    const metrics = await panel.locator('table').first().innerText();
    assert.match(metrics, /accuracy/);
    assert.match(metrics, /roc_auc/);
    assert.match(metrics, /\btest\b/);
    realNumbers(metrics, 'the metrics table', 8);
    const counts = await panel.locator('.counts').innerText();
    assert.match(counts, /[1-9]\d* errors?/, `credit-default should count its leak.target error: ${counts}`);
    await panel.locator('h3', { hasText: 'Reliability diagram' }).waitFor({ state: 'visible' });
    const painted = await waitForPaintedCanvases(f, '#panel-overview canvas', { min: 1 });
    console.log(`[e2e] ide: overview canvases painted ${JSON.stringify(painted)} px`);
    await wb.screenshot('ide-03a-report-overview');
    await elementShot(f.locator('#panel-overview'), 'ide-03a-report-overview-panel');
  });

  step('3b. attribution: importance bars with CIs, beeswarm, method agreement and the quality grade', async () => {
    const f = await showSection('Attribution', 'credit-default');
    const panel = f.locator('#panel-attribution');
    const grade = (await panel.locator('.quality .grade').innerText()).trim();
    assert.match(grade, /^[A-F][+-]?$/, `quality grade is not a letter: "${grade}"`);
    realNumbers(await panel.locator('.quality').innerText(), 'the quality card', 1);
    await panel.locator('h3', { hasText: 'Global importance' }).waitFor({ state: 'visible' });
    await panel.locator('h3', { hasText: /^Beeswarm \(\d+ explained rows\)/ }).waitFor({ state: 'visible' });
    await panel.locator('h3', { hasText: 'Method agreement' }).waitFor({ state: 'visible' });
    const agreement = await panel.locator('table').first().innerText();
    assert.match(agreement, /Spearman/);
    realNumbers(agreement, 'the method agreement table', 2);
    const painted = await waitForPaintedCanvases(f, '#panel-attribution canvas', { min: 2 });
    console.log(`[e2e] ide: attribution canvases painted ${JSON.stringify(painted)} px`);
    await s().wb.screenshot('ide-03b-report-attribution');
    // Element shots (each part scrolled into the webview's viewport): grade card, bars, beeswarm, agreement.
    await elementShot(panel.locator('.quality'), 'ide-03b1-attribution-grade');
    await elementShot(panel.locator('h3:has-text("Global importance") + *'), 'ide-03b2-attribution-bars');
    await elementShot(rich(panel.locator('div:has(> h3:has-text("Beeswarm"))')).last(), 'ide-03b3-attribution-beeswarm');
    await elementShot(rich(panel.locator('div:has(> h3:has-text("Method agreement"))')).last(), 'ide-03b4-attribution-agreement');
  }, notInSmoke);

  step('3c. shape curves: one PDP/ICE/ALE chart per feature', async () => {
    const f = await showSection('Shape curves', 'credit-default');
    const figures = f.locator('#panel-shapes figure.shape');
    await figures.first().waitFor({ state: 'visible' });
    assert.ok((await figures.count()) >= 3, `only ${await figures.count()} shape charts`);
    const painted = await waitForPaintedCanvases(f, '#panel-shapes figure.shape canvas', { min: 3 });
    console.log(`[e2e] ide: ${painted.length} shape charts painted`);
    await s().wb.screenshot('ide-03c-report-shapes');
    await elementShot(figures.nth(0), 'ide-03c1-shapes-first');
    await elementShot(figures.nth((await figures.count()) - 1), 'ide-03c2-shapes-last');
  }, notInSmoke);

  step('3d. slices (churn): the planted region == 4 AND product_line == 2 slice with its numbers', async () => {
    const f = await showSection('Slices', 'churn');
    const rows = f.locator('#panel-slices table.slices tbody tr');
    const planted = rows.filter({ hasText: 'region == 4 AND product_line == 2' }).first();
    await planted.waitFor({ state: 'visible' });
    const text = await planted.innerText();
    realNumbers(text, 'the planted slice row', 4);
    assert.match(text, /×\d+\.\d+/, `no lift in the slice row: ${text}`);
    await s().wb.screenshot('ide-03d-report-slices');
    await elementShot(f.locator('#panel-slices table.slices'), 'ide-03d-report-slices-table');
  }, notInSmoke);

  step('3e. leakage & fairness: the leak.target finding with its evidence (credit), fairness groups (churn by region)', async () => {
    let f = await showSection('Leakage & fairness', 'credit-default');
    const leak = f.locator('#panel-leakage .finding-group', { hasText: 'leak.target' }).first();
    await leak.waitFor({ state: 'visible' });
    const leakText = await leak.innerText();
    assert.match(leakText, new RegExp(LEAK));
    realNumbers(leakText, 'the leak.target evidence', 1);
    await s().wb.screenshot('ide-03e-report-leakage');
    await elementShot(leak, 'ide-03e-report-leakage-group');
    f = await showSection('Leakage & fairness', 'churn');
    const fairness = f.locator('#panel-leakage .fairness').first();
    await fairness.waitFor({ state: 'visible' });
    const fairText = await fairness.innerText();
    assert.match(fairText, /Fairness groups by region/);
    realNumbers(fairText, 'the fairness table', 4);
    await s().wb.screenshot('ide-03f-report-fairness');
    await elementShot(fairness, 'ide-03f-report-fairness-table');
  }, notInSmoke);

  step('4. the "Explain this row" CodeLens on a row of churn/test.csv draws a waterfall', async () => {
    const { wb, page } = s();
    await closeAllEditors();
    await wb.openFile('churn/test.csv');
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Explain this row' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    const t = performance.now();
    await lens.click();
    await page.locator('.tabs-container .tab', { hasText: /Row 0: churn/ }).first().waitFor({ state: 'visible', timeout: WEBVIEW_TIMEOUT });
    const f = await onlyWebview('h1', /Row 0 of/);
    const facts = await f.locator('p.facts').innerText();
    assert.match(facts, /base value -?\d+\.\d+ \+ Σφ -?\d+\.\d+ = prediction -?\d+\.\d+/, `waterfall facts: ${facts}`);
    realNumbers(facts, 'the waterfall facts', 3);
    const contributions = await f.locator('table').first().innerText();
    assert.match(contributions, /support_calls|tenure_months|region/);
    realNumbers(contributions, 'the contributions table', 3);
    await waitForPaintedCanvases(f, 'canvas', { min: 1 });
    console.log(`[e2e] ide: CodeLens click to a painted waterfall ${since(t)}`);
    await wb.screenshot('ide-04-waterfall');
    await elementShot(f.locator('body'), 'ide-04-waterfall-page');
  }, notInSmoke);

  step('5. churn/model.onnx opens as the model card: inputs, outputs, operators, parameters', async () => {
    const { wb } = s();
    await closeAllEditors();
    await wb.openFile('churn/model.onnx');
    const f = await onlyWebview('h3', 'Operators');
    for (const heading of ['Inputs', 'Outputs', 'Operators']) await f.locator('h3', { hasText: heading }).first().waitFor({ state: 'visible' });
    const cards = await f.locator('.cards').first().innerText();
    assert.match(cards, /param/i, `no parameter count among the facts: ${cards}`);
    assert.match(cards, /\d/);
    const ops = await f.locator('h3:has-text("Operators") + p code').allInnerTexts();
    assert.ok(ops.length >= 1 && ops.every((o) => /^([a-z]+(\.[a-z]+)*\.)?[A-Z][A-Za-z]+$/.test(o)), `operators: ${JSON.stringify(ops)}`);
    const io = await f.locator('table').first().innerText();
    assert.match(io, /float|int64|tensor/i, `the inputs table has no types: ${io}`);
    await wb.screenshot('ide-05-model-card');
    await elementShot(f.locator('body'), 'ide-05-model-card-page');
  }, notInSmoke);

  step('6. the Slices, Findings and Features views of the Model Diagnostics container fill', async () => {
    const { wb, page } = s();
    await closeAllEditors();
    await page.locator('.activitybar [aria-label^="Model Diagnostics"]').first().click();
    const pane = (title: string) => page.locator(`.pane:has(> .pane-header:has-text("${title}"))`).first();
    for (const title of ['Slices', 'Findings', 'Features']) await wb.waitForElement('.pane-header', { hasText: title });
    // Each view has rows (not its welcome text).
    await pane('Slices').locator('.monaco-list-row', { hasText: 'region == 4 AND product_line == 2' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await pane('Findings').locator('.monaco-list-row', { hasText: 'leak.target' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await pane('Findings').locator('.monaco-list-row', { hasText: `credit-default: ${LEAK}` }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const features = pane('Features').locator('.monaco-list-row');
    await features.first().waitFor({ state: 'visible', timeout: 30_000 });
    const featureText = (await features.allInnerTexts()).join('\n');
    assert.match(featureText, /^1\. \w+/m, `Features view has no ranked feature rows: ${featureText}`);
    realNumbers(featureText, 'the Features view', 3);
    await wb.screenshot('ide-06-sidebar');
  }, notInSmoke);
});
