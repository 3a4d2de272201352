/**
 * Rank agreement between two attributions of the same features (method agreement,
 * seed stability, the model-randomisation sanity check): Spearman's ρ and Kendall's τ-b.
 */

/** Average ranks (1-based; ties share the mean of their ranks), as scipy.stats.rankdata. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  // Two constant rankings agree perfectly; one constant ranking carries no order information.
  if (saa === 0 && sbb === 0) return 1;
  if (saa === 0 || sbb === 0) return 0;
  return sab / Math.sqrt(saa * sbb);
}

function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>, who: string): void {
  if (a.length !== b.length) throw new RangeError(`${who}: lengths differ (${a.length} vs ${b.length})`);
}

/** Spearman's rank correlation: Pearson correlation of the average ranks. */
export function spearmanCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertSameLength(a, b, 'spearmanCorrelation');
  if (a.length < 2) return 1;
  return pearson(averageRanks(a), averageRanks(b));
}

/** Kendall's τ-b (tie-corrected), O(n²): feature counts are small. */
export function kendallTau(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertSameLength(a, b, 'kendallTau');
  const n = a.length;
  let concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const da = Math.sign(a[i] - a[j]);
      const db = Math.sign(b[i] - b[j]);
      if (da === 0 && db === 0) continue;
      if (da === 0) tiesA++;
      else if (db === 0) tiesB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
  return denom === 0 ? 1 : (concordant - discordant) / denom;
}
