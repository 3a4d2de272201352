// A tiny throwaway extension written into a temp folder, used to prove the harness without the
// product extension: a status-bar item, a palette command with a notification, a diagnostic in the
// Problems panel and a webview, i.e. one of each thing the real tests wait for.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './tools';

export const PROBE = {
  id: 'md-e2e.probe',
  statusText: 'probe: ready',
  helloCommand: 'E2E Probe: Say Hello',
  helloMessage: 'Hello from the probe extension',
  webviewCommand: 'E2E Probe: Show Webview',
  webviewHeading: 'Probe webview',
  diagnostic: "probe: column 'no_such_column' is not in the data",
} as const;

const MAIN = `
const vscode = require('vscode');
exports.activate = function (context) {
  const status = vscode.window.createStatusBarItem('md-e2e.probe.status', vscode.StatusBarAlignment.Left, 100);
  status.text = '$(beaker) ${PROBE.statusText}';
  status.show();
  let runs = 0;
  const diagnostics = vscode.languages.createDiagnosticCollection('probe');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (folder) {
    const range = new vscode.Range(0, 0, 0, 5);
    diagnostics.set(vscode.Uri.joinPath(folder.uri, 'probe.txt'), [
      new vscode.Diagnostic(range, ${JSON.stringify(PROBE.diagnostic)}, vscode.DiagnosticSeverity.Error),
    ]);
  }
  context.subscriptions.push(
    status,
    diagnostics,
    vscode.commands.registerCommand('mdE2eProbe.hello', () => {
      runs += 1;
      status.text = '$(beaker) probe: ' + runs + ' run' + (runs === 1 ? '' : 's');
      vscode.window.showInformationMessage(${JSON.stringify(PROBE.helloMessage)});
      return runs;
    }),
    vscode.commands.registerCommand('mdE2eProbe.webview', () => {
      const panel = vscode.window.createWebviewPanel('mdE2eProbe', 'Probe', vscode.ViewColumn.One, { enableScripts: true });
      panel.webview.html = '<!DOCTYPE html><html><body><h1 id="probe">${PROBE.webviewHeading}</h1>' +
        '<p id="count">rendered</p></body></html>';
    }),
  );
  return { runs: () => runs };
};
exports.deactivate = function () {};
`;

/** Writes the probe extension (and a workspace for it) into a fresh temp folder. */
export function writeProbeExtension(): { extensionDir: string; workspaceDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'md-e2e-probe-'));
  const extensionDir = join(root, 'extension');
  const workspaceDir = join(root, 'workspace');
  mkdirSync(extensionDir, { recursive: true });
  mkdirSync(workspaceDir, { recursive: true });
  const manifest = {
    name: 'probe',
    publisher: 'md-e2e',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.80.0' },
    main: './main.js',
    activationEvents: ['onStartupFinished'],
    contributes: {
      commands: [
        { command: 'mdE2eProbe.hello', title: PROBE.helloCommand },
        { command: 'mdE2eProbe.webview', title: PROBE.webviewCommand },
      ],
    },
  };
  writeFileSync(join(extensionDir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(extensionDir, 'main.js'), MAIN);
  writeFileSync(join(workspaceDir, 'probe.txt'), 'hello probe\n');
  return { extensionDir, workspaceDir };
}

/**
 * Writes a plain-JS extension-host suite for the probe (same contract as test/vscode/suite:
 * exports run()), next to the probe extension. It uses the repo's mocha. With
 * MD_PROBE_FAIL=1 in the extension host's environment one test fails, to prove failures and
 * environment variables reach the runner.
 */
export function writeProbeSuite(extensionDir: string, mochaPath: string): string {
  const file = join(dirname(extensionDir), 'probe-suite.js');
  writeFileSync(
    file,
    `
const assert = require('assert');
const vscode = require('vscode');
const util = require('util');
const Mocha = require(${JSON.stringify(mochaPath)});
const marker = process.env.MD_SUITE_OUTPUT_MARKER;
if (marker) {
  Mocha.reporters.Base.consoleLog = (...args) => console.log(marker + util.format(...args).split('\\n').join('\\n' + marker));
}
exports.run = function () {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000 });
  mocha.suite.emit('pre-require', globalThis, 'probe-suite', mocha);
  suite('probe suite in the extension host', () => {
    test('the probe extension activates', async () => {
      const ext = vscode.extensions.getExtension(${JSON.stringify(PROBE.id)});
      assert.ok(ext, 'probe not found');
      await ext.activate();
      assert.equal(ext.isActive, true);
    });
    test('its command runs and returns a value', async () => {
      assert.equal(await vscode.commands.executeCommand('mdE2eProbe.hello'), 1);
    });
    test('sees the workspace folder', () => {
      assert.equal(vscode.workspace.workspaceFolders.length, 1);
    });
    test('environment from the payload', () => {
      assert.notEqual(process.env.MD_PROBE_FAIL, '1', 'MD_PROBE_FAIL=1 arrived: failing on purpose');
    });
  });
  return new Promise((resolve, reject) => mocha.run((failures) => (failures ? reject(new Error(failures + ' failed')) : resolve())));
};
`,
  );
  return file;
}

/** Packs the probe into a VSIX with the repo's vsce (to prove `--install-extension`). */
export function packProbeVsix(extensionDir: string): string {
  const out = join(dirname(extensionDir), 'probe.vsix');
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', out], {
    cwd: extensionDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
  return out;
}
