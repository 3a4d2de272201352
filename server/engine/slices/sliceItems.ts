import type { CodeArray } from './sliceLineTypes';

/**
 * The basic slices of SliceLine (level 1, one per feature value — the paper's one-hot columns),
 * with the row list of each. Row lists let deeper levels be evaluated by scanning only the
 * rows of a parent slice instead of all n rows.
 *
 * The lists of one feature partition its rows, so as Int32 they would take 4 bytes per row
 * and feature (200 MB at a million rows × 50 features). They are stored as ascending row
 * gaps in LEB128 varints instead: a basic slice holding a share p of the rows has gaps near
 * 1/p, one byte below 128, so a feature's lists take about a byte per row.
 */
export interface ItemIndex {
  readonly featureCount: number;
  readonly itemCount: number;
  /** First global item id of each feature (items of feature f are featureOffset[f] + value). */
  readonly featureOffset: Int32Array;
  readonly itemFeature: Int32Array;
  readonly itemValue: Int32Array;
  /** Per feature: code of each row (negative = no predicate of this feature). */
  readonly codes: readonly CodeArray[];
  readonly size: Float64Array;
  readonly errorSum: Float64Array;
  readonly maxError: Float64Array;
  /** Row ids of a basic slice, ascending, decoded into `buffer` (returned as a view of it). */
  rows(item: number, buffer: Int32Array): Int32Array;
}

export function buildItemIndex(codes: readonly ArrayLike<number>[], domains: readonly number[], errors: ArrayLike<number>): ItemIndex {
  const featureCount = domains.length;
  const n = errors.length;
  const featureOffset = new Int32Array(featureCount + 1);
  for (let f = 0; f < featureCount; f++) featureOffset[f + 1] = featureOffset[f] + domains[f];
  const itemCount = featureOffset[featureCount];
  const itemFeature = new Int32Array(itemCount);
  const itemValue = new Int32Array(itemCount);
  for (let f = 0; f < featureCount; f++) {
    for (let v = 0; v < domains[f]; v++) {
      itemFeature[featureOffset[f] + v] = f;
      itemValue[featureOffset[f] + v] = v;
    }
  }
  const size = new Float64Array(itemCount);
  const errorSum = new Float64Array(itemCount);
  const maxError = new Float64Array(itemCount);
  const intCodes: CodeArray[] = [];
  const encoded: Uint8Array[] = [];
  const itemByte = new Float64Array(itemCount);

  for (let f = 0; f < featureCount; f++) {
    const raw = codes[f];
    // Binning's compact codes as they are (no widening copy); other array-likes become Int32.
    const col = raw instanceof Int8Array || raw instanceof Int16Array || raw instanceof Int32Array ? raw : Int32Array.from(raw);
    intCodes.push(col);
    const base = featureOffset[f];
    const domain = domains[f];
    // Pass 1: sizes, error sums and the bytes of each value's gap list.
    const last = new Float64Array(domain).fill(-1);
    const bytes = new Float64Array(domain);
    for (let r = 0; r < n; r++) {
      const c = col[r];
      if (c < 0) continue;
      const item = base + c;
      size[item]++;
      const e = errors[r];
      errorSum[item] += e;
      if (e > maxError[item]) maxError[item] = e;
      bytes[c] += varintBytes(r - last[c]);
      last[c] = r;
    }
    let total = 0;
    const cursor = new Float64Array(domain);
    for (let v = 0; v < domain; v++) {
      itemByte[base + v] = total;
      cursor[v] = total;
      total += bytes[v];
    }
    // Pass 2: the gaps (the first from -1, so every gap is ≥ 1).
    const out = new Uint8Array(total);
    last.fill(-1);
    for (let r = 0; r < n; r++) {
      const c = col[r];
      if (c < 0) continue;
      let gap = r - last[c];
      last[c] = r;
      let p = cursor[c];
      while (gap >= 128) {
        out[p++] = (gap & 127) | 128;
        gap >>>= 7;
      }
      out[p++] = gap;
      cursor[c] = p;
    }
    encoded.push(out);
  }

  return {
    featureCount,
    itemCount,
    featureOffset,
    itemFeature,
    itemValue,
    codes: intCodes,
    size,
    errorSum,
    maxError,
    rows(item: number, buffer: Int32Array): Int32Array {
      const bytes = encoded[itemFeature[item]];
      const count = size[item];
      let p = itemByte[item];
      let row = -1;
      for (let i = 0; i < count; i++) {
        let gap = 0;
        let shift = 0;
        let b: number;
        do {
          b = bytes[p++];
          gap |= (b & 127) << shift;
          shift += 7;
        } while (b & 128);
        row += gap;
        buffer[i] = row;
      }
      return buffer.subarray(0, count);
    },
  };
}

/** Bytes of a LEB128 varint (gaps are below 2^31: rows are array indices). */
function varintBytes(gap: number): number {
  return gap < 128 ? 1 : gap < 16384 ? 2 : gap < 2097152 ? 3 : gap < 268435456 ? 4 : 5;
}

/**
 * Rows matching every item (a conjunction), ascending, in `buffer` (one slot per row of the
 * data is always enough). Starts from the rarest item's row list and filters by the other
 * items' codes, so the cost is the rarest item's size × items.
 */
export function rowsMatchingAll(index: ItemIndex, items: ArrayLike<number>, buffer: Int32Array): Int32Array {
  let rarest = items[0];
  for (let t = 1; t < items.length; t++) if (index.size[items[t]] < index.size[rarest]) rarest = items[t];
  const base = index.rows(rarest, buffer);
  if (items.length === 1) return base;
  // Filtering in place: the write position never passes the read position.
  let count = 0;
  for (let i = 0; i < base.length; i++) {
    const r = base[i];
    let match = true;
    for (let t = 0; t < items.length; t++) {
      const item = items[t];
      if (item === rarest) continue;
      if (index.codes[index.itemFeature[item]][r] !== index.itemValue[item]) {
        match = false;
        break;
      }
    }
    if (match) buffer[count++] = r;
  }
  return buffer.subarray(0, count);
}
