/**
 * Where a webview may point the editor: `webview/openFile` names a file, and a page that
 * renders report data (finding locations, model and data paths) must not become a way to open
 * arbitrary files of the machine. A path is allowed when it lies inside a workspace folder after
 * `..` segments and, where the file (or its nearest existing ancestor) exists, symlinks are
 * resolved. Pure node: no vscode import, so it is unit-tested directly.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Confined = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * The file's absolute path when it lies inside one of `folders` (absolute file-system paths),
 * else why not. `file` is an absolute path or a `file:` URI; other schemes and relative paths
 * are refused (the pages resolve paths against the report's root before they send them).
 */
export async function confineToFolders(file: string, folders: readonly string[]): Promise<Confined> {
  const lexical = toPath(file);
  if (!lexical.ok) return lexical;
  const real = await realPath(lexical.path);
  for (const folder of folders) {
    const root = await realPath(resolve(folder));
    if (isInside(root, real)) return { ok: true, path: lexical.path };
  }
  const via = real === lexical.path ? '' : ` (it resolves to ${real})`;
  return { ok: false, reason: `${lexical.path}${via} is outside the workspace folders` };
}

function toPath(file: string): Confined {
  if (/^file:/i.test(file)) {
    try {
      return { ok: true, path: resolve(fileURLToPath(file)) };
    } catch (e) {
      return { ok: false, reason: `${file} is not a valid file URI (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  // A scheme other than file: (a Windows drive letter is a path, not a scheme).
  if (/^[a-z][\w+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return { ok: false, reason: `${file} is not a file path or file: URI` };
  if (!isAbsolute(file)) return { ok: false, reason: `${file} is not an absolute path` };
  return { ok: true, path: resolve(file) };
}

/** The path with symlinks resolved as far as it exists: a missing file is judged by its nearest existing folder. */
async function realPath(p: string): Promise<string> {
  const missing: string[] = [];
  let at = p;
  for (;;) {
    try {
      return join(await realpath(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return p;
      missing.push(basename(at));
      at = up;
    }
  }
}

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
