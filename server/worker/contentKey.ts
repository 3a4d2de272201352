import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AnalysisSettings } from '../discovery/configFile';
import type { ResolvedModel } from '../discovery/resolvedModel';
import type { HashMemo, HashMemoEntry } from './workerMessages';

/**
 * The cache key of one model's analysis: a hash of everything its report depends on —
 * the model's bytes, each data file's path, mtime and size, the resolved entry (derived
 * from the config text) and the analysis settings. Same key, same report (seeded engine).
 */
export async function modelContentKey(
  root: string,
  resolved: ResolvedModel,
  settings: AnalysisSettings,
  memo: Record<string, HashMemoEntry>,
): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ root, resolved, settings }));
  h.update(`\0model:${await fileHash(resolved.modelPath, memo)}`);
  for (const path of [resolved.train, resolved.test]) {
    if (!path) continue;
    const s = await stat(path).catch(() => undefined);
    h.update(`\0data:${path}:${s ? `${s.mtimeMs}:${s.size}` : 'missing'}`);
  }
  return h.digest('hex');
}

/** sha256 of a file's bytes, streamed; reused from `memo` while mtime and size are unchanged. */
export async function fileHash(path: string, memo: Record<string, HashMemoEntry>): Promise<string> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 'missing';
  const known = memo[path];
  if (known && known.mtimeMs === s.mtimeMs && known.size === s.size) return known.sha256;
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  const sha256 = h.digest('hex');
  memo[path] = { mtimeMs: s.mtimeMs, size: s.size, sha256 };
  return sha256;
}

export function copyMemo(memo: HashMemo): Record<string, HashMemoEntry> {
  return { ...memo };
}
