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
  h.update(`\0model:${await fileHash(resolved.modelPath, memo)}`);
  for (const path of await externalDataFiles(resolved.modelPath, memo)) h.update(`\0external:${path}:${await fileHash(path, memo)}`);
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
 * The files a model's tensors are stored in (ONNX external data: `model.onnx.data` and the
 * like), so editing one invalidates the key. Found once per model version (memoised beside its
 * hash). A reference the loader would refuse (outside the folder, missing) adds nothing here: the
 * analysis reports it, and that report depends only on the model's bytes.
 */
async function externalDataFiles(modelPath: string, memo: Record<string, HashMemoEntry>): Promise<readonly string[]> {
  const entry = memo[modelPath];
  if (entry?.external) return entry.external;
  let files: string[] = [];
  try {
    const raw = await readInputFile(modelPath, 'model', 'model.load');
    if (mayHoldExternalData(raw)) {
      const refs = externalReferences(modelPath, decodeOnnx(raw), raw);
      files = [...new Set(await Promise.all([...new Set(refs.map((r) => r.location))].map((l) => resolveInsideFolder(modelPath, l))))].sort();
    }
  } catch {
    files = [];
  }
  if (entry) memo[modelPath] = { ...entry, external: files };
  return files;
}

export function copyMemo(memo: HashMemo): Record<string, HashMemoEntry> {
  return { ...memo };
}
