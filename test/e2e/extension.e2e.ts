// The product extension in a real VS Code (code-server + Chromium), on a copy of examples/ with
// one broken modeldiag.json added: activation and status bar, a language-server diagnostic in the
// Problems panel and in the editor, and the Rerun command. Screenshots go to test-results/e2e/.
// Needs `npm run build` (dist/extension.js, dist/server.js); skipped with a note without them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { findDescendants } from './harness/processes';
import { formatTimings, startSession, type Session } from './harness/session';
import { built, stepper } from './ideHelpers';
import { repoRoot } from './harness/tools';
import { copyExamples, type TempWorkspace } from './harness/workspaces';

const MISSING_COLUMN = 'no_such_column';
const skip = built(['extension.js', 'server.js']) ? false : 'dist/extension.js or dist/server.js is missing: run `npm run build` first';

/** A second config in the copy of examples/ whose target column is not in the data. */
function brokenConfig(ws: TempWorkspace): void {
  ws.write('broken-config/modeldiag.json', {
    models: [
      {
        name: 'credit-missing-target',
        model: '../credit/model.onnx',
        data: { train: '../credit/train.csv', test: '../credit/test.csv' },
        target: MISSING_COLUMN,
        task: 'classification',
      },
    ],
  });
}

describe('Model Diagnostics extension in code-server', { skip }, () => {
  let session: Session;
  let ws: TempWorkspace;
  const { step, state } = stepper('extension', () => session);

  before(async () => {
    ws = copyExamples({ name: 'extension' });
    brokenConfig(ws);
    session = await startSession({ name: 'extension', workspace: ws.dir, extensions: [{ folder: repoRoot }] });
    console.log(`[e2e] extension: ${formatTimings(session.timings)}`);
  });

  after(async () => {
    await session?.stop({ failed: state.failed });
    if (state.failed) console.error(`[e2e] workspace kept at ${ws.dir}`);
    else ws?.remove();
  });

  step('activates: the status-bar item shows the analysis finished', async () => {
    const started = performance.now();
    const item = await session.wb.waitForStatusBarItem('Model Diagnostics', 60_000);
    // $(check) is the ready state; $(error) would mean the server failed (statusBar.ts).
    await item.locator('.codicon-check').waitFor({ state: 'visible', timeout: 120_000 });
    console.log(`[e2e] extension: workbench restored to status "ready" ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await session.wb.screenshot('extension-01-ready');
  });

  step('shows a language-server diagnostic for the missing target column in the Problems panel', async () => {
    const started = performance.now();
    const row = await session.wb.waitForProblem(MISSING_COLUMN, 60_000);
    console.log(`[e2e] extension: Problems row after ${((performance.now() - started) / 1000).toFixed(2)} s`);
    assert.match(await row.innerText(), new RegExp(MISSING_COLUMN));
    await session.wb.screenshot('extension-02-problems');
  });

  step('marks the value in the editor', async () => {
    await session.wb.openFile('broken-config/modeldiag.json');
    await session.wb.waitForElement('.monaco-editor .squiggly-error');
    await session.wb.screenshot('extension-03-editor');
  });

  step('runs Model Diagnostics: Rerun from the palette', async () => {
    const started = performance.now();
    await session.wb.runCommand('Model Diagnostics: Rerun');
    // The command reports its result as a status-bar message (extension/commands.ts).
    await session.wb.waitForStatusBarItem(/Model Diagnostics: \d+ models?, \d+ problems?|rerun superseded/, 120_000);
    console.log(`[e2e] extension: Rerun to its status message ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await session.wb.screenshot('extension-04-rerun');
    const item = await session.wb.waitForStatusBarItem('Model Diagnostics');
    assert.equal(await item.locator('.codicon-error').count(), 0, 'the status bar shows an error after Rerun');
  });
});

describe('Model Diagnostics extension in Restricted Mode', { skip }, () => {
  let session: Session;
  let ws: TempWorkspace;
  const { step, state } = stepper('restricted', () => session);

  before(async () => {
    ws = copyExamples({ name: 'restricted' });
    session = await startSession({ name: 'restricted', workspace: ws.dir, extensions: [{ folder: repoRoot }], workspaceTrust: true });
  });

  after(async () => {
    await session?.stop({ failed: state.failed });
    ws?.remove();
  });

  step('says so in the status bar and starts no analysis', async () => {
    await session.wb.waitForStatusBarItem('Model Diagnostics: Restricted', 60_000);
    await session.wb.screenshot('restricted-01-status');
    assert.deepEqual((await session.wb.problemRows()).filter((r) => /modeldiag|onnx|csv/i.test(r)), []);
    // Nothing that could load a model or data runs: no language server (its workers are its threads).
    assert.deepEqual(findDescendants(session.server.pid, join('dist', 'server.js')).map((p) => p.command), []);
  });
});
