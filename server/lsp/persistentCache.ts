import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { HashMemo, ModelOutcome } from '../worker/workerMessages';
import type { FolderResult } from './folderRun';

/** Bump when the stored shape changes; older directories are ignored. */
const FORMAT = 'v1';
/** Outcome files kept at most (newest first); a report is typically 50–500 kB. */
const MAX_OUTCOMES = 256;

/** What the extension passes in `initializationOptions` (extension/client.ts). */
export interface CacheInitOptions {
  /** `context.storageUri` (per workspace), else `context.globalStorageUri`, as a file path. */
  readonly storagePath?: string;
}

interface FolderIndex {
  readonly format: string;
  readonly serverVersion: string;
  readonly result: Omit<FolderResult, 'models'> & { readonly models: readonly { readonly model: FolderResult['models'][number]['model'] }[] };
  /** File hashes by path, mtime and size (worker/contentKey.ts): a reopened workspace does not hash its data again. */
  readonly hashMemo?: HashMemo;
}

/** A folder's stored run and the file hashes it was keyed with. */
export interface StoredFolder {
  readonly result: FolderResult;
  readonly hashMemo: HashMemo;
}

/**
 * Analysis results on disk, in the extension's storage: one JSON file per model outcome,
 * named by its content key (worker/contentKey.ts: model bytes, data files, resolved entry,
 * settings), and per folder an index of its last finished run (configs, notes, model keys).
 * Reopening a workspace restores the index and its outcomes before any worker runs; the
 * following run analyses only models whose key changed. Writes go to a temporary file and
 * are renamed into place, so a killed server never leaves half a file. The server version
 * is part of the index: results of another version are not restored.
 */
export class PersistentCache {
  constructor(
    private readonly dir: string,
    private readonly serverVersion: string,
  ) {}

  static from(options: unknown, serverVersion: string): PersistentCache | undefined {
    const path = (options as CacheInitOptions | undefined)?.storagePath;
    return typeof path === 'string' && path ? new PersistentCache(join(path, 'analysis-cache', FORMAT), serverVersion) : undefined;
  }

  /** The folder's last finished result, with every outcome still on disk; undefined when none or stale. */
  async load(folder: string): Promise<StoredFolder | undefined> {
    const index = await readJson<FolderIndex>(this.indexPath(folder));
    if (!index || index.format !== FORMAT || index.serverVersion !== this.serverVersion || index.result.folder !== folder) return undefined;
    const models = await Promise.all(
      index.result.models.map(async ({ model }) => ({ model, outcome: (await readJson<{ outcome: ModelOutcome }>(this.outcomePath(model.key)))?.outcome })),
    );
    return { result: { ...index.result, models, cancelled: false, analysed: 0 }, hashMemo: index.hashMemo ?? {} };
  }

  /** Stores a finished run: its outcomes by key and the folder's index. Internal errors are not stored. */
  async save(result: FolderResult, hashMemo: HashMemo = {}): Promise<void> {
    if (result.cancelled || result.disabled || result.failure) return;
    await mkdir(join(this.dir, 'outcomes'), { recursive: true });
    for (const { model, outcome } of result.models) {
      if (!outcome || outcome.kind === 'internal-error') continue;
      const path = this.outcomePath(model.key);
      if (!(await stat(path).catch(() => undefined))) await writeAtomic(path, JSON.stringify({ outcome }));
    }
    const index: FolderIndex = {
      format: FORMAT,
      serverVersion: this.serverVersion,
      result: { ...result, models: result.models.map(({ model }) => ({ model })) },
      hashMemo: Object.fromEntries(Object.entries(hashMemo).filter(([path]) => isInside(result.folder, path))),
    };
    await writeAtomic(this.indexPath(result.folder), JSON.stringify(index));
    await this.prune();
  }

  private async prune(): Promise<void> {
    const dir = join(this.dir, 'outcomes');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
    if (names.length <= MAX_OUTCOMES) return;
    const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => b.t - a.t);
    await Promise.all(aged.slice(MAX_OUTCOMES).map(({ n }) => unlink(join(dir, n)).catch(() => undefined)));
  }

  private outcomePath(key: string): string {
    return join(this.dir, 'outcomes', `${key.replace(/[^0-9a-f]/gi, '')}.json`);
  }

  private indexPath(folderPath: string): string {
    return join(this.dir, 'folders', `${createHash('sha256').update(folderPath).digest('hex').slice(0, 32)}.json`);
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
