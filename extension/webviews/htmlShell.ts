/**
 * The HTML shell of every webview as a pure function of strings (no vscode import, so the CSP
 * is unit-tested directly): `default-src 'none'`, scripts only by the per-load nonce, styles,
 * images and fonts only from the webview's own resource origin (`cspSource`).
 */
import { randomBytes } from 'node:crypto';
import type { WebviewKind } from '../../protocol/protocol';

export interface ShellParts {
  /** `webview.cspSource`: the origin asWebviewUri resources are served from. */
  readonly cspSource: string;
  /** asWebviewUri of the bundle's script and style sheet. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh for every load, from crypto. */
  readonly nonce: string;
  /** Picks the app in a shared bundle (`<body data-view>`). */
  readonly view: WebviewKind;
  readonly title: string;
}

/** 128 random bits, base64: a page's scripts run only with the nonce of its own load. */
export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy: nothing by default; `data:` images only for what chart.js and the theme draw inline. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource} data:`, `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function shellHtml(p: ShellParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body data-view="${p.view}">
<main id="root"></main>
<script nonce="${escapeHtml(p.nonce)}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
