/**
 * Outcome just above a cut vs just below it: mean of y in [c, c + b) minus mean in
 * [c − b, c), with a z statistic (two-proportion pooled variance for 0/1 outcomes, Welch
 * for values). The building block of a regression-discontinuity look (Imbens & Lemieux
 * 2008) without the local-linear fit: windows are kept narrow instead.
 */
export interface Contrast {
  readonly below: number;
  readonly above: number;
  readonly nBelow: number;
  readonly nAbove: number;
  readonly difference: number;
  readonly z: number;
}

/** Windows with fewer rows than this on either side give no contrast (z = 0). */
export const MIN_WINDOW_ROWS = 20;

export function windowContrast(x: ArrayLike<number>, y: ArrayLike<number>, cut: number, halfWidth: number, binary: boolean): Contrast {
  return rangeContrast(x, y, [cut - halfWidth, cut], [cut, cut + halfWidth], binary);
}

/** Mean of y for x in [above₀, above₁) minus mean for x in [below₀, below₁), with its z. */
export function rangeContrast(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  belowRange: readonly [number, number],
  aboveRange: readonly [number, number],
  binary: boolean,
): Contrast {
  let nb = 0;
  let na = 0;
  let sb = 0;
  let sa = 0;
  let qb = 0;
  let qa = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = y[i];
    if (Number.isNaN(v) || Number.isNaN(t)) continue;
    if (v >= belowRange[0] && v < belowRange[1]) {
      nb++;
      sb += t;
      qb += t * t;
    }
    if (v >= aboveRange[0] && v < aboveRange[1]) {
      na++;
      sa += t;
      qa += t * t;
    }
  }
  const below = nb ? sb / nb : NaN;
  const above = na ? sa / na : NaN;
  const difference = above - below;
  if (nb < MIN_WINDOW_ROWS || na < MIN_WINDOW_ROWS) return { below, above, nBelow: nb, nAbove: na, difference, z: 0 };
  let se: number;
  if (binary) {
    const p = (sb + sa) / (nb + na);
    se = Math.sqrt(p * (1 - p) * (1 / nb + 1 / na));
  } else {
    const vb = Math.max(0, qb / nb - below * below) * (nb / Math.max(1, nb - 1));
    const va = Math.max(0, qa / na - above * above) * (na / Math.max(1, na - 1));
    se = Math.sqrt(vb / nb + va / na);
  }
  return { below, above, nBelow: nb, nAbove: na, difference, z: se > 0 ? difference / se : 0 };
}
