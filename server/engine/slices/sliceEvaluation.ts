import type { CandidateSet } from './sliceCandidates';
import { rowsMatchingAll, type ItemIndex } from './sliceItems';
import { sliceItemsAt, type SliceLevel } from './sliceLattice';

/**
 * Evaluates candidate slices on the data: size, error sum and max error of each (the paper's
 * evalSlice, §4.4). The paper multiplies the one-hot matrix with the slice matrix; on typed
 * arrays it is cheaper to group candidates by their prefix parent (all items but the last,
 * which generation already records), collect the parent's rows once, and for each row look up
 * which of the group's last items it matches — one table lookup per row and extension feature.
 * Cost per level: Σ over parents of |rows(parent)| × (distinct extension features).
 */
export function evaluateCandidates(
  candidates: CandidateSet,
  previous: SliceLevel,
  index: ItemIndex,
  errors: ArrayLike<number>,
): SliceLevel {
  const count = candidates.count;
  const L = candidates.level;
  const size = new Float64Array(count);
  const errorSum = new Float64Array(count);
  const maxError = new Float64Array(count);
  // slotOf[f][value] = candidate index within the current group, -1 otherwise; reset after each group.
  const slotOf = index.codes.map((_, f) => new Int32Array(index.featureOffset[f + 1] - index.featureOffset[f]).fill(-1));
  const rowBuffer = new Int32Array(errors.length);
  // The parent's rows' errors, gathered once per group so the passes below read them in sequence.
  const errorBuffer = new Float64Array(errors.length);
  let widest = 0;
  for (let f = 0; f < index.featureCount; f++) widest = Math.max(widest, index.featureOffset[f + 1] - index.featureOffset[f]);
  // Per value of the feature being scanned: rows, error sum and max error (a few slots, always in cache).
  const valueSize = new Float64Array(widest);
  const valueSum = new Float64Array(widest);
  const valueMax = new Float64Array(widest);
  const extensionFeatures: number[] = [];

  let start = 0;
  while (start < count) {
    const parent = candidates.prefixParent[start];
    let end = start + 1;
    while (end < count && candidates.prefixParent[end] === parent) end++;

    extensionFeatures.length = 0;
    for (let c = start; c < end; c++) {
      const item = candidates.items[c * L + L - 1];
      const f = index.itemFeature[item];
      if (!extensionFeatures.includes(f)) extensionFeatures.push(f);
      slotOf[f][index.itemValue[item]] = c;
    }
    const featureCodes = extensionFeatures.map((f) => index.codes[f]);
    const featureSlots = extensionFeatures.map((f) => slotOf[f]);
    const rows = rowsMatchingAll(index, sliceItemsAt(previous, parent), rowBuffer);

    for (let i = 0; i < rows.length; i++) errorBuffer[i] = errors[rows[i]];
    // Feature by feature, then rows, into per-value slots: each candidate is one value of one
    // extension feature, so its sums still add its rows in ascending order (the same values),
    // while each pass streams one code array (instead of hopping between all of them per row)
    // and writes only a few slots (instead of the candidate arrays).
    for (let t = 0; t < featureCodes.length; t++) {
      const codes = featureCodes[t];
      const slots = featureSlots[t];
      valueSize.fill(0);
      valueSum.fill(0);
      valueMax.fill(0);
      for (let i = 0; i < rows.length; i++) {
        const code = codes[rows[i]];
        if (code < 0) continue;
        const e = errorBuffer[i];
        valueSize[code]++;
        valueSum[code] += e;
        if (e > valueMax[code]) valueMax[code] = e;
      }
      for (let v = 0; v < slots.length; v++) {
        const c = slots[v];
        if (c < 0) continue;
        size[c] = valueSize[v];
        errorSum[c] = valueSum[v];
        maxError[c] = valueMax[v];
      }
    }
    for (let c = start; c < end; c++) {
      const item = candidates.items[c * L + L - 1];
      slotOf[index.itemFeature[item]][index.itemValue[item]] = -1;
    }
    start = end;
  }
  return { level: L, count, items: candidates.items, size, errorSum, maxError };
}
