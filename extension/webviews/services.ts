/** What the webview hosts need from the extension context: the extension's files, the log, and the running client. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type FolderReport, type OpenFileParams, type ReportParams, type ReportResult } from '../../protocol/protocol';
import { confineToFolders } from './workspaceFile';

export interface WebviewServices {
  readonly extensionUri: vscode.Uri;
  readonly output: vscode.LogOutputChannel;
  /** The language client while it runs. */
  client(): LanguageClient | undefined;
  /** Why there is no client (Restricted Mode, starting, failed). */
  notRunningReason(): string;
}

/** Every folder's latest report (empty when the server is not running). */
export async function fetchReports(services: WebviewServices, folder?: string): Promise<readonly FolderReport[]> {
  const client = services.client();
  if (!client) return [];
  const params: ReportParams = folder ? { folder } : {};
  const result = await client.sendRequest<ReportResult>(ReportRequest.method, params);
  return result.folders;
}

/**
 * Opens a finding's location, a model or a data file (absolute path or file: URI; 1-based
 * line/column) for a webview. Only files inside a workspace folder are opened: anything else
 * throws, and HostIpc logs the refusal to the output channel.
 */
export async function openFile(p: OpenFileParams): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const confined = await confineToFolders(p.file, folders);
  if (!confined.ok) throw new Error(`not opened: ${confined.reason}`);
  const uri = vscode.Uri.file(confined.path);
  const line = Math.max(0, (p.line ?? 1) - 1);
  const column = Math.max(0, (p.column ?? 1) - 1);
  const binary = /\.(onnx|parquet)$/i.test(uri.path);
  if (binary) {
    await vscode.commands.executeCommand('vscode.open', uri);
    return;
  }
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, column, line, column), preview: true });
}
