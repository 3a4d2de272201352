/**
 * Every webview's HTML: the shell of htmlShell.ts (strict CSP, scripts only by a per-load nonce
 * from crypto) with assets only from dist/webviews through asWebviewUri.
 */
import * as vscode from 'vscode';
import type { WebviewKind } from '../../protocol/protocol';
import { nonce, shellHtml } from './htmlShell';

/** The folder webviews may load from (localResourceRoots). */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
}

/** Options for panels and custom editors: scripts on, resources only from dist/webviews. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** `bundle` is the file stem in dist/webviews (report → report.js + report.css); `view` picks the app in a shared bundle. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: 'report' | 'modelCard', view: WebviewKind, title: string): string {
  const root = webviewRoot(extensionUri);
  return shellHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`)).toString(),
    nonce: nonce(),
    view,
    title,
  });
}
