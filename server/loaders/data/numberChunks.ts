/** Values per chunk once a column is large (512 KiB of float64). */
const CHUNK = 65536;

/**
 * A growable float64 column stored as fixed-size chunks: growing never copies what is
 * already stored (a doubling array briefly holds 1.5× its size and wastes up to half of its
 * capacity), and `toArray()` builds the exact-size array while releasing chunk by chunk,
 * so the peak is the data plus one column. Small columns start small and double up to one
 * chunk (a file with 10^5 columns must not reserve 10^5 chunks up front).
 *
 * With `expected` (a row count the reader already knows, e.g. from a Parquet footer) the
 * values go straight into one array of that size, allocated at the first value, and
 * `toArray()` hands it over without a copy: no second copy of the column is ever made, so
 * the freed chunks cannot pile up before the collector runs. More values than expected (a
 * footer that lied) spill into chunks and carry on as without it.
 */
export class NumberChunks {
  private readonly full: Float64Array[] = [];
  private current = new Float64Array(16);
  private used = 0;
  private reserved: Float64Array | undefined;

  constructor(private expected = 0) {}

  get length(): number {
    return this.reserved ? this.used : this.full.length * CHUNK + this.used;
  }

  push(v: number): void {
    if (this.reserved) {
      if (this.used < this.reserved.length) {
        this.reserved[this.used++] = v;
        return;
      }
      this.spill();
    } else if (this.expected > 0) {
      this.reserve();
      this.push(v);
      return;
    }
    if (this.used === this.current.length) this.grow();
    this.current[this.used++] = v;
  }

  /** Appends values[start, end) (a typed array from a columnar reader). */
  pushAll(values: ArrayLike<number>, start: number, end: number): void {
    if (!this.reserved && this.expected > 0 && end > start) this.reserve();
    if (this.reserved) {
      const n = Math.min(end - start, this.reserved.length - this.used);
      const r = this.reserved;
      for (let k = 0; k < n; k++) r[this.used + k] = values[start + k];
      this.used += n;
      start += n;
      if (start >= end) return;
      this.spill();
    }
    for (let i = start; i < end; ) {
      if (this.used === this.current.length) this.grow();
      const n = Math.min(end - i, this.current.length - this.used);
      for (let k = 0; k < n; k++) this.current[this.used + k] = values[i + k];
      this.used += n;
      i += n;
    }
  }

  at(i: number): number {
    if (this.reserved) return this.reserved[i];
    const c = Math.floor(i / CHUNK);
    return c < this.full.length ? this.full[c][i - c * CHUNK] : this.current[i - this.full.length * CHUNK];
  }

  /** The values as one exact-size array; the chunks are released (the store is empty after). */
  toArray(): Float64Array {
    if (this.reserved) {
      const out = this.used === this.reserved.length ? this.reserved : this.reserved.slice(0, this.used);
      this.clear();
      return out;
    }
    const out = new Float64Array(this.length);
    let offset = 0;
    while (this.full.length) {
      const chunk = this.full.shift()!;
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(this.current.subarray(0, this.used), offset);
    this.clear();
    return out;
  }

  clear(): void {
    this.full.length = 0;
    this.current = new Float64Array(0);
    this.used = 0;
    this.reserved = undefined;
    this.expected = 0;
  }

  private reserve(): void {
    this.reserved = new Float64Array(this.expected);
    this.reserved.set(this.current.subarray(0, this.used));
    this.current = new Float64Array(0);
  }

  /** The reserved array is full and more values come: continue in chunks, as without `expected`. */
  private spill(): void {
    const values = this.reserved!;
    const n = this.used;
    this.reserved = undefined;
    this.expected = 0;
    this.current = new Float64Array(16);
    this.used = 0;
    this.pushAll(values, 0, n);
  }

  private grow(): void {
    if (this.current.length < CHUNK) {
      const grown = new Float64Array(Math.min(CHUNK, Math.max(16, this.current.length * 2)));
      grown.set(this.current.subarray(0, this.used));
      this.current = grown;
      return;
    }
    this.full.push(this.current);
    this.current = new Float64Array(CHUNK);
    this.used = 0;
  }
}
