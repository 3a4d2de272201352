// Extension-host tests of the product extension. The workspace is a writable copy of examples/
// (the runners make it); tests that need a broken config write it into a subfolder and remove it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics } from './vscodeWait';

const EXTENSION_ID = 'model-diagnostics.model-diagnostics';
/** A column name no example data set has. */
const MISSING_COLUMN = 'no_such_column';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

function contributedCommands(): ContributedCommand[] {
  const manifest = extension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return manifest.contributes?.commands ?? [];
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder (a copy of examples/)');
  return folder.uri;
}

suite('Model Diagnostics extension', () => {
  test('is installed and activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('registers every command it contributes', async () => {
    await extension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands()
      .map((c) => c.command)
      .filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed commands that activation did not register');
  });

  test('reports a modeldiag.json target column that is not in the data at its JSON range', async () => {
    await extension().activate();
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'broken-config');
    const config = vscode.Uri.joinPath(folder, 'modeldiag.json');
    const text = JSON.stringify(
      {
        models: [
          {
            name: 'credit-missing-target',
            model: '../credit/model.onnx',
            data: { train: '../credit/train.csv', test: '../credit/test.csv' },
            target: MISSING_COLUMN,
            task: 'classification',
          },
        ],
      },
      null,
      2,
    );
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(config);
      await vscode.window.showTextDocument(doc);
      const diagnostics = await waitForDiagnostics(config, (ds) => ds.some((d) => d.message.includes(MISSING_COLUMN)), 60_000);
      const hit = diagnostics.find((d) => d.message.includes(MISSING_COLUMN));
      assert.ok(hit);
      const at = doc.offsetAt(hit.range.start);
      assert.ok(text.slice(at, doc.offsetAt(hit.range.end)).includes(MISSING_COLUMN), `range ${at} does not cover the value`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  test('runs the Rerun command', async () => {
    await extension().activate();
    const rerun = contributedCommands().find((c) => /\brerun\b/i.test(c.title) || /\brerun\b/i.test(c.command));
    assert.ok(rerun, 'no contributed command with "Rerun" in its title');
    await vscode.commands.executeCommand(rerun.command);
  });
});
