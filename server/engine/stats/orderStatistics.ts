/**
 * Order statistics without a full sort: rearranges `a` so that a[k] holds the value a full
 * ascending sort would put there, for each rank k of `ranks`. Quickselect (Hoare 1961) with
 * a three-way partition (Dijkstra's Dutch national flag), so columns with many equal values
 * stay linear; a range that does not shrink fast enough is sorted instead, so adversarial
 * orders cost O(n log n), never O(n²). A few quantiles of a million values this way take a
 * fraction of a native sort. NaN must not occur (filter it first).
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  const sorted = [...ranks].sort((x, y) => x - y);
  let lo = 0;
  for (const k of sorted) {
    if (k < lo || k >= a.length) continue;
    select(a, lo, a.length - 1, k);
    lo = k + 1;
  }
}

function select(a: Float64Array, lo: number, hi: number, k: number): void {
  let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (rounds-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
    // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

function median(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
