/**
 * Benjamini–Hochberg (1995) q-values: the smallest false-discovery rate at which each
 * hypothesis would be rejected. Used where a check tests many candidates (round numbers,
 * feature pairs) so that one of many is not flagged by chance.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = Math.min(1, running);
  }
  return q;
}
