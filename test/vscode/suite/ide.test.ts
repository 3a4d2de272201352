// Extension-host tests of the IDE features (issue 7), on the runner's copy of examples/:
// the leak.target diagnostic and hover on a Python feature literal, CSV row lenses and Explain Row
// opening the waterfall panel, Open Report opening the report panel whose page answers the ready
// handshake, and the Slices/Findings/Features tree providers filled from the server's report.
// Every wait is on an event (diagnostics, tabs, notifications) with a time limit and what was seen.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions } from 'vscode-languageclient/node';
import { CommandIds, ReportRequest, SETTINGS_SECTION, StatusNotification, type ReportResult, type StatusParams } from '../../../protocol/protocol';
import { serverSettings } from '../../../extension/config';
import { FeaturesTreeProvider } from '../../../extension/views/featuresTree';
import { FindingsTreeProvider } from '../../../extension/views/findingsTree';
import type { ReportStore } from '../../../extension/views/reportStore';
import { SlicesTreeProvider } from '../../../extension/views/slicesTree';
import { waitForDiagnostics } from './vscodeWait';

const EXTENSION_ID = 'model-diagnostics.model-diagnostics';
const LEAK = 'collections_flag';
/** A first analysis of examples/ (3 models) on a 2-core machine takes 20–60 s. */
const ANALYSIS_MS = 180_000;

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run must open a workspace folder (a copy of examples/)');
  return folder.uri;
}

async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
  return ext;
}

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? ''));

function describeTabs(): string {
  return JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => `${t.label} <${t.input instanceof vscode.TabInputWebview ? t.input.viewType : typeof t.input}>`)));
}

/** Resolves with the first tab that satisfies `accept`, now or after a tab change. */
function waitForTab(what: string, accept: (tab: vscode.Tab) => boolean, timeoutMs: number): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(accept);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no tab ${what} within ${timeoutMs} ms; tabs: ${describeTabs()}`));
    }, timeoutMs);
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(tab);
    });
  });
}

const webviewTab = (viewType: string) => (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType);

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The train_credit.py document and the position inside its "collections_flag" literal. */
async function creditScript(): Promise<{ doc: vscode.TextDocument; at: vscode.Position }> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'credit', 'train_credit.py'));
  await vscode.window.showTextDocument(doc);
  const offset = doc.getText().indexOf(`"${LEAK}"`);
  assert.ok(offset >= 0, `credit/train_credit.py has no "${LEAK}" literal`);
  return { doc, at: doc.positionAt(offset + 3) };
}

suite('Model Diagnostics IDE features', () => {
  suiteTeardown(closeAll);

  test('a leak.target error sits exactly on the "collections_flag" literal of credit/train_credit.py', async function () {
    this.timeout(ANALYSIS_MS + 10_000);
    await activate();
    const { doc, at } = await creditScript();
    // Any diagnostic on the literal (so a wrong code fails at once, naming what arrived instead).
    const ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => d.range.contains(at)), ANALYSIS_MS);
    const onLiteral = ds.filter((d) => d.range.contains(at));
    const leak = onLiteral.find((d) => codeOf(d) === 'leak.target');
    assert.ok(leak, `no leak.target on the literal; there: ${JSON.stringify(onLiteral.map((d) => `${d.source} ${codeOf(d)}: ${d.message}`))}`);
    assert.equal(doc.getText(leak.range), LEAK, `the diagnostic covers "${doc.getText(leak.range)}"`);
    assert.equal(leak.severity, vscode.DiagnosticSeverity.Error);
    assert.match(leak.message, /'collections_flag' alone predicts 'defaulted' with cross-fitted AUC 0\.\d+/);
  });

  test('the hover on the literal shows importance rank and value with its CI, permutation importance and a sparkline', async function () {
    this.timeout(ANALYSIS_MS + 10_000);
    await activate();
    const { doc, at } = await creditScript();
    // The data-only leak.target arrives before the model's analysis; the hover has importances only
    // after it. Ask again whenever the file's diagnostics change (the analysis republishes them).
    const hoverText = async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    let text = await hoverText();
    const deadline = Date.now() + ANALYSIS_MS;
    while (!text.includes('| Importance |')) {
      assert.ok(Date.now() < deadline, `the hover shows no importance within ${ANALYSIS_MS} ms: ${text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (listener.dispose(), resolve()), Math.max(0, deadline - Date.now()));
        const listener = vscode.languages.onDidChangeDiagnostics((e) => {
          if (e.uris.some((u) => u.toString() === doc.uri.toString())) (clearTimeout(timer), listener.dispose(), resolve());
        });
      });
      text = await hoverText();
    }
    assert.match(text, new RegExp(`\\*\\*${LEAK}\\*\\* · model \`credit-default\``), text);
    assert.match(text, /rank \d+ of 8 · mean \\?\|φ\\?\| \d+\.\d+ \(95% CI \d+\.\d+–\d+\.\d+\)/, text);
    assert.match(text, /\| Permutation[^|]*\| -?\d+\.\d+ \(95% CI -?\d+\.\d+–-?\d+\.\d+\) · rank \d+ \|/, text);
    assert.match(text, /`[▁▂▃▄▅▆▇█]{2,}`/, text);
    assert.match(text, /command:modelDiagnostics\.openReport\?/, 'no Open report link');
  });

  test('churn/test.csv has "Explain this row" lenses, and running one opens the waterfall panel', async function () {
    this.timeout(ANALYSIS_MS + 10_000);
    await activate();
    await closeAll();
    const uri = vscode.Uri.joinPath(root(), 'churn', 'test.csv');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The server knows the pairing once the analysis has put churn's findings on the file.
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'jagged.slice'), ANALYSIS_MS);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 5)) ?? [];
    const first = lenses.filter((l) => l.command?.command === CommandIds.explainRow).sort((a, b) => a.range.start.line - b.range.start.line)[0];
    assert.ok(first?.command, 'no explainRow lens');
    assert.equal(first.range.start.line, 1, 'the first lens is not on the first data row (line 2)');
    const args = first.command.arguments?.[0] as { row?: number; model?: string } | undefined;
    assert.deepEqual([args?.row, args?.model], [0, 'churn']);
    await vscode.commands.executeCommand(first.command.command, ...(first.command.arguments ?? []));
    const tab = await waitForTab('for the waterfall of row 0', (t) => webviewTab('modelDiagnostics.waterfall')(t) && t.label === 'Row 0: churn', 60_000);
    assert.ok(tab);
  });

  test('Open Report opens the report panel, and its page answers the ready handshake', async function () {
    this.timeout(90_000);
    await activate();
    await closeAll();
    await vscode.commands.executeCommand(CommandIds.openReport, { section: 'overview' });
    // The panel is created titled "Model Diagnostics report"; the host renames it to
    // "Model Diagnostics: <folder>" only while answering the page's webview/ready request.
    await waitForTab('for the report panel', webviewTab('modelDiagnostics.report'), 15_000);
    const folderName = root().path.split('/').pop() ?? '';
    const answered = await waitForTab(`titled "Model Diagnostics: ${folderName}" (ready answered)`, (t) => webviewTab('modelDiagnostics.report')(t) && t.label === `Model Diagnostics: ${folderName}`, 60_000);
    assert.ok(answered.isActive, 'the report tab is not active');
    // Running it again reuses the one panel.
    await vscode.commands.executeCommand(CommandIds.openReport, { section: 'slices' });
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(webviewTab('modelDiagnostics.report')).length, 1, `tabs: ${describeTabs()}`);
  });

  test('commands run: Show Output, Rerun, and the views focus commands', async function () {
    this.timeout(ANALYSIS_MS);
    await activate();
    await vscode.commands.executeCommand('modelDiagnostics.showOutput');
    await vscode.commands.executeCommand('modelDiagnostics.rerun');
    for (const view of ['modelDiagnostics.slices', 'modelDiagnostics.findings', 'modelDiagnostics.features']) await vscode.commands.executeCommand(`${view}.focus`);
  });

  test('the Slices, Findings and Features tree providers fill from the language server\'s report', async function () {
    this.timeout(ANALYSIS_MS + 30_000);
    await activate();
    // A second client on the built server (its own cache folder), feeding the product's tree
    // providers through a store with ReportStore's read side; the product's own store is private.
    const storage = mkdtempSync(join(tmpdir(), 'md-suite-store-'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const module = join(ext.extensionPath, 'dist', 'server.js');
    const options: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', pattern: '**/modeldiag.json' }],
      initializationOptions: { storagePath: storage },
      middleware: { workspace: { configuration: (params) => params.items.map((item) => (item.section === SETTINGS_SECTION ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)) } },
    };
    const client = new LanguageClient('modelDiagnosticsSuite', 'Model Diagnostics (suite)', { module, transport: TransportKind.ipc }, options);
    const changed = new vscode.EventEmitter<void>();
    let folders: ReportResult['folders'] = [];
    const store = {
      onDidChange: changed.event,
      reports: () => folders.flatMap((f) => (f.report ? [{ folder: f.folder, report: f.report }] : [])),
      models: () => store.reports().flatMap(({ folder, report }) => report.models.map((m) => ({ folder, root: report.root, report: m }))),
    };
    const providers = { slices: new SlicesTreeProvider(store as unknown as ReportStore), findings: new FindingsTreeProvider(store as unknown as ReportStore), features: new FeaturesTreeProvider(store as unknown as ReportStore) };
    try {
      const readyOnce = new Promise<void>((resolve) =>
        client.onNotification(StatusNotification.method, (s: StatusParams) => {
          if (s.state === 'ready') resolve();
        }),
      );
      await client.start();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([readyOnce, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the suite's server was not ready within ${ANALYSIS_MS} ms`)), ANALYSIS_MS)))]).finally(() => clearTimeout(timer));
      folders = (await client.sendRequest<ReportResult>(ReportRequest.method, {})).folders;
      changed.fire();
      const labels = <T>(p: vscode.TreeDataProvider<T>, nodes: readonly T[]) => Promise.all(nodes.map(async (n) => { const i = await p.getTreeItem(n); return `${typeof i.label === 'string' ? i.label : (i.label?.label ?? '')} ${typeof i.description === 'string' ? i.description : ''}`; }));

      const sliceModels = (await providers.slices.getChildren()) ?? [];
      const sliceModelLabels = await labels(providers.slices, sliceModels);
      const churn = sliceModels[sliceModelLabels.findIndex((l) => l.startsWith('churn'))];
      assert.ok(churn, `no churn in the Slices view: ${JSON.stringify(sliceModelLabels)}`);
      const churnSlices = await labels(providers.slices, (await providers.slices.getChildren(churn)) ?? []);
      assert.ok(churnSlices.some((l) => l.includes('region == 4 AND product_line == 2')), `the planted slice is not listed: ${JSON.stringify(churnSlices)}`);

      const groups = (await providers.findings.getChildren()) ?? [];
      const groupLabels = await labels(providers.findings, groups);
      const leakGroup = groups[groupLabels.findIndex((l) => l.startsWith('leak.target'))];
      assert.ok(leakGroup, `no leak.target group in the Findings view: ${JSON.stringify(groupLabels)}`);
      assert.match(groupLabels[0], /^leak\.target 1 error/, 'errors sort first');
      const leakItems = await labels(providers.findings, (await providers.findings.getChildren(leakGroup)) ?? []);
      assert.ok(leakItems.some((l) => l.startsWith(`credit-default: ${LEAK}`)), JSON.stringify(leakItems));

      const featureModels = (await providers.features.getChildren()) ?? [];
      const featureModelLabels = await labels(providers.features, featureModels);
      assert.deepEqual(featureModelLabels.map((l) => l.split(' ')[0]).sort(), ['churn', 'credit-default', 'xgb'], JSON.stringify(featureModelLabels));
      const credit = featureModels[featureModelLabels.findIndex((l) => l.startsWith('credit-default'))];
      const creditFeatures = await labels(providers.features, (await providers.features.getChildren(credit)) ?? []);
      assert.match(creditFeatures[0], new RegExp(`^1\\. ${LEAK} \\d+\\.\\d+ \\[\\d+\\.\\d+, \\d+\\.\\d+\\]`), `the leak should rank first with its CI: ${JSON.stringify(creditFeatures)}`);
      assert.equal(creditFeatures.length, 8);
    } finally {
      for (const p of Object.values(providers)) p.dispose();
      changed.dispose();
      await client.dispose().catch(() => undefined);
      rmSync(storage, { recursive: true, force: true });
    }
  });
});
