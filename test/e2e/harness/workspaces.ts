// Writable copies of examples/ for tests: the extension and the language server may write (caches,
// reports) and tests add broken configs, and the repo's examples/ must stay as committed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './tools';

export interface TempWorkspace {
  readonly dir: string;
  /** Writes (or overwrites) a file relative to the workspace. */
  write(relativePath: string, contents: string | object): string;
  remove(): void;
}

/** Copies examples/ (or another folder) into a fresh temp folder, files made writable. */
export function copyExamples(options: { from?: string; name?: string } = {}): TempWorkspace {
  const from = options.from ?? join(repoRoot, 'examples');
  if (!existsSync(from)) throw new Error(`${from} does not exist: the e2e tests open a copy of it.`);
  const dir = mkdtempSync(join(tmpdir(), `md-e2e-ws-${options.name ?? 'examples'}-`));
  cpSync(from, dir, { recursive: true });
  makeWritable(dir);
  return {
    dir,
    write(relativePath, contents) {
      const path = join(dir, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof contents === 'string' ? contents : `${JSON.stringify(contents, null, 2)}\n`);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function makeWritable(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      chmodSync(path, 0o755);
      makeWritable(path);
    } else {
      chmodSync(path, 0o644);
    }
  }
}
