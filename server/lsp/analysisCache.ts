import type { HashMemo, HashMemoEntry, ModelOutcome } from '../worker/workerMessages';

/** Results kept at most; least recently used go first. */
const MAX_ENTRIES = 128;

/**
 * Model outcomes by content key (worker/contentKey.ts): an unchanged model with unchanged
 * data and settings is not analysed again. Internal errors are never cached.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { folder: string; outcome: ModelOutcome }>();
  private memo: Record<string, HashMemoEntry> = {};

  get(key: string): ModelOutcome | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.outcome;
  }

  set(folder: string, key: string, outcome: ModelOutcome): void {
    if (outcome.kind === 'internal-error') return;
    this.entries.delete(key);
    this.entries.set(key, { folder, outcome });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Keys and outcomes held for `folder` now: a run relies on this snapshot, not on later evictions. */
  snapshot(folder: string): Map<string, ModelOutcome> {
    const out = new Map<string, ModelOutcome>();
    for (const [k, e] of this.entries) if (e.folder === folder) out.set(k, e.outcome);
    return out;
  }

  clearFolder(folder: string): void {
    for (const [k, e] of this.entries) if (e.folder === folder) this.entries.delete(k);
    this.memo = {};
  }

  /** Model file hashes by path/mtime/size, shared with the worker so unchanged models are not hashed again. */
  hashMemo(): HashMemo {
    return this.memo;
  }

  updateHashMemo(memo: HashMemo): void {
    this.memo = { ...this.memo, ...memo };
  }
}
