/** `webview/openFile` opens only files inside the workspace folders, after `..` and symlinks are resolved. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { confineToFolders } from '../../../extension/webviews/workspaceFile';

describe('openFile confinement', () => {
  let base: string;
  let ws: string;
  let outside: string;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'md-confine-'));
    ws = join(base, 'ws');
    outside = join(base, 'outside');
    mkdirSync(join(ws, 'credit'), { recursive: true });
    mkdirSync(outside);
    mkdirSync(join(base, 'ws-sibling'));
    writeFileSync(join(ws, 'credit', 'test.csv'), 'a,b\n1,2\n');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    writeFileSync(join(base, 'ws-sibling', 'x.csv'), 'x');
    symlinkSync(join(outside, 'secret.txt'), join(ws, 'link-out.txt'));
    symlinkSync(outside, join(ws, 'dir-out'));
    symlinkSync(join(ws, 'credit', 'test.csv'), join(ws, 'link-in.csv'));
    symlinkSync(ws, join(base, 'ws-link'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const allowed = async (file: string, folders = [ws]) => {
    const r = await confineToFolders(file, folders);
    assert.ok(r.ok, `${file} should be allowed: ${r.ok ? '' : r.reason}`);
    return r.path;
  };
  const refused = async (file: string, why: RegExp, folders = [ws]) => {
    const r = await confineToFolders(file, folders);
    assert.ok(!r.ok, `${file} should be refused`);
    assert.match(r.reason, why);
  };

  test('a file inside, as a path or a file: URI; a symlink that stays inside; a file not yet written inside', async () => {
    assert.equal(await allowed(join(ws, 'credit', 'test.csv')), join(ws, 'credit', 'test.csv'));
    assert.equal(await allowed(pathToFileURL(join(ws, 'credit', 'test.csv')).href), join(ws, 'credit', 'test.csv'));
    await allowed(join(ws, 'link-in.csv'));
    await allowed(join(ws, 'credit', 'new', 'later.csv'));
    await allowed(join(ws, 'credit', '..', 'credit', 'test.csv'));
  });

  test('the workspace folder reached through a symlink: both sides are resolved', async () => {
    await allowed(join(base, 'ws-link', 'credit', 'test.csv'));
    await allowed(join(ws, 'credit', 'test.csv'), [join(base, 'ws-link')]);
  });

  test('a path outside, and `..` out of the folder (as a path and as a URI with encoded dots)', async () => {
    await refused(join(outside, 'secret.txt'), /outside the workspace folders/);
    await refused(`${ws}/../outside/secret.txt`, /outside the workspace folders/);
    await refused(`${ws}/credit/../../outside/secret.txt`, /outside the workspace folders/);
    await refused(`${pathToFileURL(ws).href}/%2e%2e/outside/secret.txt`, /outside the workspace folders/);
    await refused('/etc/passwd', /outside the workspace folders/);
  });

  test('a folder whose name extends the workspace folder name is not inside it', async () => {
    await refused(join(base, 'ws-sibling', 'x.csv'), /outside/);
  });

  test('symlinks pointing out: a file, a folder, and a not-yet-existing file under a linked folder', async () => {
    await refused(join(ws, 'link-out.txt'), /resolves to .*outside.*secret\.txt\) is outside/);
    await refused(join(ws, 'dir-out', 'secret.txt'), /is outside/);
    await refused(join(ws, 'dir-out', 'new.txt'), /is outside/);
  });

  test('relative paths, other schemes, malformed URIs and no folders at all', async () => {
    await refused('credit/test.csv', /not an absolute path/);
    await refused('https://example.com/x.csv', /not a file path or file: URI/);
    await refused('vscode-remote://host/etc/passwd', /not a file path or file: URI/);
    await refused('command:workbench.action.terminal.new', /not a file path or file: URI/);
    await refused('file://remote-host/share/x.csv', /not a valid file URI/);
    await refused(join(ws, 'credit', 'test.csv'), /outside/, []);
  });
});
