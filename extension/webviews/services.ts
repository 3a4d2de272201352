/** What the webview hosts need from the extension context: the extension's files, the log, and the running client. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type FolderReport, type OpenFileParams, type ReportParams, type ReportResult } from '../../protocol/protocol';

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

/** Opens a finding's location, a model or a data file (absolute path or URI; 1-based line/column). */
export async function openFile(p: OpenFileParams): Promise<void> {
  const uri = /^[a-z][\w+.-]+:/i.test(p.file) && !/^[a-z]:[\\/]/i.test(p.file) ? vscode.Uri.parse(p.file) : vscode.Uri.file(p.file);
  const line = Math.max(0, (p.line ?? 1) - 1);
  const column = Math.max(0, (p.column ?? 1) - 1);
  const binary = /\.(onnx|parquet)$/i.test(uri.path);
  if (binary) {
    await vscode.commands.executeCommand('vscode.open', uri);
    return;
  }
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, column, line, column), preview: true });
}
