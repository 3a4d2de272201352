/**
 * Benjamini–Hochberg q-values (Benjamini & Hochberg 1995): the smallest false-discovery rate at
 * which each hypothesis would be rejected, q_(i) = min_{j ≥ i} p_(j)·m / j, capped at 1.
 * Rejecting every hypothesis with q < α controls the FDR at α for independent or positively
 * dependent tests (PRDS), which covers nested slices whose statistics share rows.
 *
 * @param pValues p-values in any order; NaN entries get q = NaN and do not count as tests
 * @param familySize number of hypotheses tested (m). Defaults to the count of finite p-values.
 *   Pass a larger m when only the smallest p-values of a larger family are given (e.g. the
 *   reported top-K of all slices evaluated): ranks within the subset are at most the ranks in
 *   the family, so the q-values returned are upper bounds of the family's q-values (conservative).
 * @returns q-values in the input order
 */
export function benjaminiHochbergQValues(pValues: ArrayLike<number>, familySize?: number): Float64Array {
  const q = new Float64Array(pValues.length).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (!Number.isNaN(pValues[i])) order.push(i);
  order.sort((a, b) => pValues[a] - pValues[b]);
  const m = Math.max(familySize ?? order.length, order.length);
  let running = 1;
  for (let rank = order.length; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (pValues[i] * m) / rank);
    q[i] = running;
  }
  return q;
}
