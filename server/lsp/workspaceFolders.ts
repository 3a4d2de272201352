import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The workspace folders the server analyses, as absolute paths with the client's URI for each. */
export class WorkspaceFolders {
  private readonly folders = new Map<string, string>();

  add(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path) this.folders.set(path, uri);
    return path;
  }

  remove(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path) this.folders.delete(path);
    return path;
  }

  paths(): string[] {
    return [...this.folders.keys()];
  }

  uriOf(path: string): string {
    return this.folders.get(path) ?? pathToUri(path);
  }

  /** The innermost folder that holds `file` (an absolute path), if any. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders.keys()) {
      const inside = file === f || file.startsWith(f.endsWith(sep) ? f : f + sep);
      if (inside && (!best || f.length > best.length)) best = f;
    }
    return best;
  }
}
