/**
 * The HTML shell of every webview: a strict CSP (`default-src 'none'`, scripts only by a
 * per-load nonce from crypto), assets only from dist/webviews through asWebviewUri.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WebviewKind } from '../../protocol/protocol';

/** The folder webviews may load from (localResourceRoots). */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
}

/** Options for panels and custom editors: scripts on, resources only from dist/webviews. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** `bundle` is the file stem in dist/webviews (report → report.js + report.css); `view` picks the app in a shared bundle. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: 'report' | 'modelCard', view: WebviewKind, title: string): string {
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`));
  const n = nonce();
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${n}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body data-view="${view}">
<main id="root"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
