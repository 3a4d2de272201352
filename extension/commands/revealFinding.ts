/**
 * `modelDiagnostics.revealFinding` (a click in the Findings view): opens where a finding
 * points — its file location (config range, data line), else the first place the workspace
 * names its feature (training code, notebooks, SQL, YAML, then the data header), else the
 * model file.
 */
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingRef } from '../views/findingsTree';

/** Files searched for a feature's first reference, in this order of kinds; at most this many of each. */
const REFERENCE_GLOBS = ['**/*.py', '**/*.ipynb', '**/*.{sql,r,R}', '**/*.{yaml,yml}'];
const MAX_FILES_PER_GLOB = 200;
const EXCLUDE = '**/{node_modules,.git,.venv,venv,dist,out,__pycache__}/**';

export async function revealFinding(arg: unknown): Promise<void> {
  if (!isFindingRef(arg)) {
    void vscode.window.showInformationMessage('Model Diagnostics: pick a finding in the Findings view to reveal it.');
    return;
  }
  const target = await locate(arg);
  if (!target) {
    void vscode.window.showInformationMessage(`Model Diagnostics: "${arg.finding.message}" has no location in the workspace.`);
    return;
  }
  const editor = await vscode.window.showTextDocument(target.uri, { preview: true });
  if (target.range) {
    editor.selection = new vscode.Selection(target.range.start, target.range.end);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function isFindingRef(x: unknown): x is FindingRef {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'finding' && typeof (x as { root?: unknown }).root === 'string';
}

async function locate(ref: FindingRef): Promise<{ uri: vscode.Uri; range?: vscode.Range } | undefined> {
  const abs = (p: string) => vscode.Uri.file(path.isAbsolute(p) ? p : path.join(ref.root, p));
  const loc = ref.finding.location;
  if (loc) {
    const start = new vscode.Position(Math.max(0, (loc.line ?? 1) - 1), Math.max(0, (loc.column ?? 1) - 1));
    const end = loc.endLine !== undefined && loc.endColumn !== undefined ? new vscode.Position(loc.endLine - 1, loc.endColumn - 1) : start;
    return { uri: abs(loc.file), range: loc.line !== undefined ? new vscode.Range(start, end) : undefined };
  }
  const feature = ref.finding.feature ?? ref.finding.features?.[0];
  if (feature) {
    const found = await firstReference(ref.root, feature, [ref.model?.data.train, ref.model?.data.test].flatMap((p) => (p ? [abs(p)] : [])));
    if (found) return found;
  }
  return ref.model ? { uri: abs(ref.model.model) } : undefined;
}

/** The first quoted or whole-word occurrence of `feature` in code under `root`, else in a data file's header. */
async function firstReference(root: string, feature: string, dataFiles: vscode.Uri[]): Promise<{ uri: vscode.Uri; range: vscode.Range } | undefined> {
  const escaped = feature.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\w])${escaped}(?![\\w])`);
  for (const glob of REFERENCE_GLOBS) {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(root, glob), EXCLUDE, MAX_FILES_PER_GLOB);
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    for (const uri of files) {
      const hit = await findIn(uri, pattern, feature.length, Infinity);
      if (hit) return hit;
    }
  }
  for (const uri of dataFiles) {
    const hit = await findIn(uri, pattern, feature.length, 1);
    if (hit) return hit;
  }
  return undefined;
}

async function findIn(uri: vscode.Uri, pattern: RegExp, length: number, maxLines: number): Promise<{ uri: vscode.Uri; range: vscode.Range } | undefined> {
  try {
    const text = Number.isFinite(maxLines) ? await head(uri.fsPath) : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const lines = text.split('\n');
    for (let i = 0; i < Math.min(lines.length, maxLines); i++) {
      const m = pattern.exec(lines[i]);
      if (m) return { uri, range: new vscode.Range(i, m.index, i, m.index + length) };
    }
  } catch {
    // unreadable: not a reference
  }
  return undefined;
}

/** The first 64 KiB of a (possibly huge) data file: enough for its header. */
async function head(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
