/** The webview HTML shell: a CSP with no inline or eval escape hatch and no remote origin, and a nonce on every script. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, nonce, shellHtml } from '../../../extension/webviews/htmlShell';

/** What `webview.cspSource` is in desktop VS Code; code-server's is its own origin. */
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const RESOURCE = `${CSP_SOURCE}/ext/dist/webviews`;

const build = (n: string, title = 'Model Diagnostics report') =>
  shellHtml({ cspSource: CSP_SOURCE, scriptUri: `${RESOURCE}/report.js`, styleUri: `${RESOURCE}/report.css`, nonce: n, view: 'report', title });

function directives(html: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'the page declares its CSP in a meta tag');
  const csp = meta[1].replace(/&amp;/g, '&');
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

test('CSP: default-src none; scripts only by nonce; no unsafe-* keyword and no origin but the webview resource origin', () => {
  const n = nonce();
  const d = directives(build(n));
  assert.deepEqual(d.get('default-src'), [`'none'`]);
  assert.deepEqual(d.get('script-src'), [`'nonce-${n}'`], 'scripts: the nonce and nothing else');
  for (const [name, sources] of d) {
    for (const s of sources) {
      assert.ok(!/unsafe-|strict-dynamic|wasm/i.test(s), `${name} allows ${s}`);
      const allowed = s === `'none'` || s === `'nonce-${n}'` || s === CSP_SOURCE || (name === 'img-src' && s === 'data:');
      assert.ok(allowed, `${name} allows ${s}: only 'none', the nonce, ${CSP_SOURCE} (and data: images) are expected`);
    }
  }
  assert.deepEqual([...d.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  assert.equal(contentSecurityPolicy(CSP_SOURCE, n), [...d].map(([k, v]) => [k, ...v].join(' ')).join('; '));
});

test('every <script> carries the nonce, loads from the resource origin and has no inline body; no inline handlers or styles', () => {
  const n = nonce();
  const html = build(n);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1);
  assert.equal(scripts.length, (html.match(/<script\b/gi) ?? []).length, 'every <script> is closed and matched');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, new RegExp(`\\bnonce="${n.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(attrs, new RegExp(`\\bsrc="${RESOURCE.replace(/[.+]/g, '\\$&')}/`));
    assert.equal(body.trim(), '', 'no inline script');
  }
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  assert.ok(!/\sstyle=/i.test(html), 'no inline style attributes');
  assert.ok(!/<style\b/i.test(html), 'no inline <style>');
});

test('the title is text: markup in it cannot add a script', () => {
  const html = build(nonce(), 'x</title><script>alert(1)</script>');
  assert.equal((html.match(/<script\b/gi) ?? []).length, 1);
  assert.match(html, /<title>x&lt;\/title&gt;&lt;script&gt;/);
});

test('nonce: 128 random bits, fresh on every load', () => {
  const seen = new Set(Array.from({ length: 64 }, () => nonce()));
  assert.equal(seen.size, 64);
  for (const n of seen) assert.equal(Buffer.from(n, 'base64').length, 16);
});
