/**
 * The running top-K of SliceLine (paper §4.1, "maintainTopK"). Slices are kept in one total
 * order so results do not depend on enumeration order: higher score first, then fewer
 * predicates (the more general slice), then smaller item ids. The brute-force oracle in the
 * tests sorts the same way, so ties at rank K resolve identically.
 */

export interface TopKEntry {
  /** Global item ids (one-hot column indices), ascending. */
  readonly items: Int32Array;
  readonly score: number;
  readonly errorSum: number;
  readonly maxError: number;
  readonly size: number;
}

/** Negative when a ranks before b. */
export function compareSlices(a: TopKEntry, b: TopKEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.items.length !== b.items.length) return a.items.length - b.items.length;
  for (let i = 0; i < a.items.length; i++) if (a.items[i] !== b.items[i]) return a.items[i] - b.items[i];
  return 0;
}

export class SliceTopK {
  readonly #k: number;
  readonly #minSupport: number;
  #entries: TopKEntry[] = [];

  constructor(k: number, minSupport: number) {
    this.#k = k;
    this.#minSupport = minSupport;
  }

  /** Offers an evaluated slice; only score > 0 and size ≥ minSupport qualify (as in the paper). */
  offer(entry: TopKEntry): void {
    if (!(entry.score > 0) || entry.size < this.#minSupport || this.#k <= 0) return;
    const entries = this.#entries;
    if (entries.length === this.#k && compareSlices(entry, entries[entries.length - 1]) >= 0) return;
    let at = entries.length;
    while (at > 0 && compareSlices(entry, entries[at - 1]) < 0) at--;
    entries.splice(at, 0, entry);
    if (entries.length > this.#k) entries.pop();
  }

  /**
   * The score a candidate must be able to reach to matter: the K-th score once K slices are
   * held, else 0 (only positive scores are reported).
   */
  pruningThreshold(): number {
    const entries = this.#entries;
    return entries.length === this.#k ? Math.max(0, entries[entries.length - 1].score) : 0;
  }

  /** Lowest held score once full, -Infinity otherwise (for level statistics). */
  minScore(): number {
    const entries = this.#entries;
    return entries.length === this.#k ? entries[entries.length - 1].score : -Infinity;
  }

  entries(): readonly TopKEntry[] {
    return this.#entries;
  }
}
