import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AnalysisSettings } from '../discovery/configFile';
import type { ResolvedModel } from '../discovery/resolvedModel';
import { readInputFile } from '../loaders/fileAccess';
import { externalReferences, mayHoldExternalData, resolveInsideFolder } from '../loaders/model/externalData';
import { decodeOnnx } from '../loaders/model/onnxProto';
import type { HashMemo, HashMemoEntry } from './workerMessages';

/**
 * The cache key of one model's analysis: a hash of everything its report depends on —
 * the model's bytes and its external-data files, each data file's path and bytes, the resolved entry (derived from the
 * config text) and the analysis settings. Same key, same report (seeded engine). Content,
 * not mtime: a `git checkout` there and back or a re-export of the same data is a cache hit.
 * Hashes are memoised by path, mtime and size, so an unchanged file is read once (sha256
 * streams at several hundred MB/s, under a second for 1M rows × 50 of CSV).
 */
export async function modelContentKey(
  root: string,
  resolved: ResolvedModel,
  settings: AnalysisSettings,
  memo: Record<string, HashMemoEntry>,
  configText?: string,
): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ root, resolved, settings }));
  // Saved slices' findings point at their entries in the config's text (savedSlicesStage):
  // a comment added above them moves those ranges without changing the resolved entry.
  if (resolved.savedSlices.length && configText !== undefined) h.update(`\0config:${configText}`);
  const model = await modelHash(resolved.modelPath, memo);
  h.update(`\0model:${model.sha256}`);
  for (const path of model.external) h.update(`\0external:${path}:${await fileHash(path, memo)}`);
  for (const path of [resolved.train, resolved.test]) {
    if (path) h.update(`\0data:${path}:${await fileHash(path, memo)}`);
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
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    // Unreadable (a folder, no permission, deleted while read): the loader reports it with a
    // proper message; the key only has to differ from any readable content's.
    return `unreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}:${s.mtimeMs}:${s.size}`;
  }
  const sha256 = h.digest('hex');
  memo[path] = { mtimeMs: s.mtimeMs, size: s.size, sha256 };
  return sha256;
}

/**
 * A model's hash and the files its tensors are stored in (ONNX external data:
 * `model.onnx.data` and the like, so editing one invalidates the key), from one read of the
 * model, memoised by mtime and size. A reference the loader would refuse (outside the folder,
 * missing) adds nothing here: the analysis reports it, and that report depends only on the
 * model's bytes. A model the loader's door refuses (over the size limit) is hashed as a stream.
 */
async function modelHash(path: string, memo: Record<string, HashMemoEntry>): Promise<{ readonly sha256: string; readonly external: readonly string[] }> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return { sha256: 'missing', external: [] };
  const known = memo[path];
  if (known?.external && known.mtimeMs === s.mtimeMs && known.size === s.size) return { sha256: known.sha256, external: known.external };
  let raw: Buffer;
  try {
    raw = await readInputFile(path, 'model', 'model.load');
  } catch {
    return { sha256: await fileHash(path, memo), external: [] };
  }
  let external: string[] = [];
  try {
    if (mayHoldExternalData(raw)) {
      const refs = externalReferences(path, decodeOnnx(raw), raw);
      external = [...new Set(await Promise.all([...new Set(refs.map((r) => r.location))].map((l) => resolveInsideFolder(path, l))))].sort();
    }
  } catch {
    external = [];
  }
  const entry: HashMemoEntry = { mtimeMs: s.mtimeMs, size: s.size, sha256: createHash('sha256').update(raw).digest('hex'), external };
  memo[path] = entry;
  return { sha256: entry.sha256, external };
}

export function copyMemo(memo: HashMemo): Record<string, HashMemoEntry> {
  return { ...memo };
}
