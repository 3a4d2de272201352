import type { CodeArray } from './sliceLineTypes';

/**
 * The basic slices of SliceLine (level 1, one per feature value — the paper's one-hot columns),
 * with the row list of each, built by one counting sort per feature. Row lists let deeper levels
 * be evaluated by scanning only the rows of a parent slice instead of all n rows.
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
  /** Row ids of a basic slice, ascending (a view into a shared buffer). */
  rows(item: number): Int32Array;
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
  const sortedRows: Int32Array[] = [];
  const itemStart = new Int32Array(itemCount + 1);

  for (let f = 0; f < featureCount; f++) {
    const raw = codes[f];
    // Binning's compact codes as they are (no widening copy); other array-likes become Int32.
    const col = raw instanceof Int8Array || raw instanceof Int16Array || raw instanceof Int32Array ? raw : Int32Array.from(raw);
    intCodes.push(col);
    const base = featureOffset[f];
    for (let r = 0; r < n; r++) {
      const c = col[r];
      if (c < 0) continue;
      const item = base + c;
      size[item]++;
      const e = errors[r];
      errorSum[item] += e;
      if (e > maxError[item]) maxError[item] = e;
    }
    // Counting sort of this feature's rows by code.
    let covered = 0;
    const cursor = new Int32Array(domains[f]);
    for (let v = 0; v < domains[f]; v++) {
      itemStart[base + v] = covered;
      cursor[v] = covered;
      covered += size[base + v];
    }
    const rows = new Int32Array(covered);
    for (let r = 0; r < n; r++) {
      const c = col[r];
      if (c >= 0) rows[cursor[c]++] = r;
    }
    sortedRows.push(rows);
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
    rows(item: number): Int32Array {
      const f = itemFeature[item];
      const start = itemStart[item];
      return sortedRows[f].subarray(start, start + size[item]);
    },
  };
}

/**
 * Rows matching every item (a conjunction), ascending. Starts from the rarest item's row list
 * and filters by the other items' codes, so the cost is the rarest item's size × items.
 */
export function rowsMatchingAll(index: ItemIndex, items: ArrayLike<number>, buffer?: Int32Array): Int32Array {
  let rarest = items[0];
  for (let t = 1; t < items.length; t++) if (index.size[items[t]] < index.size[rarest]) rarest = items[t];
  const base = index.rows(rarest);
  if (items.length === 1) return base;
  const out = buffer && buffer.length >= base.length ? buffer : new Int32Array(base.length);
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
    if (match) out[count++] = r;
  }
  return out.subarray(0, count);
}
