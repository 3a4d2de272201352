/**
 * Shapley values of the game one leaf plays in path-dependent TreeSHAP.
 *
 * Lundberg et al. (2020, Algorithm 2) sum, over leaves, the Shapley values of a product game:
 * for the m distinct features U on the leaf's path, v(S) = w · Π_{j∈S} o_j · Π_{j∈U∖S} z_j,
 * where z_j is the product of cover fractions of the path's splits on j ("zero fraction") and
 * o_j ∈ {0,1} says whether the row follows all of them ("one fraction"). Algorithm 2 grows and
 * unwinds the path polynomial while recursing; here the same quantities are computed per leaf
 * (as FastTreeSHAP, Yang 2022, and Linear TreeSHAP, Yu et al. 2022, reorganise it). With
 * P = {j : o_j = 1}, c_m(s) = s!(m−s−1)!/m! and F(Q) = Σ_{S⊆Q} c_m(|S|) Π_{j∈Q∖S} z_j:
 *   φ_i = (1 − z_i) · Π_{j∉P} z_j · F(P∖{i})   for i ∈ P,
 *   φ_i = −Π_{j∉P} z_j · F(P)                  for i ∉ P,
 * and F(Q) = Σ_k c_m(|Q|−k) e_k(z_Q) with e_k the elementary symmetric polynomials.
 * Each φ depends on the row only through the bit mask P, which is what makes tables possible.
 */

const coefficientCache: Float64Array[] = [];

/** c_n(s) = s!(n−s−1)!/n! for s = 0..n−1 (Shapley weight of a coalition of size s). */
export function shapleyCoefficients(n: number): Float64Array {
  let c = coefficientCache[n];
  if (!c) {
    c = new Float64Array(Math.max(n, 1));
    // c_n(0) = 1/n; c_n(s+1) = c_n(s) · (s+1)/(n−s−1).
    if (n > 0) c[0] = 1 / n;
    for (let s = 0; s + 1 < n; s++) c[s + 1] = (c[s] * (s + 1)) / (n - s - 1);
    coefficientCache[n] = c;
  }
  return c;
}

/**
 * Writes into `out[0..m)` the unit-weight Shapley values of the leaf game over the features
 * 0..m−1 except `skip` (−1: none), with zero fractions `z[zOffset + j]` and satisfied-set
 * `mask`. `out[skip]` is left untouched. `scratch` needs length ≥ m + 1. O(m²).
 */
export function leafGameShapley(z: Float64Array, zOffset: number, m: number, mask: number, skip: number, out: Float64Array, outOffset: number, scratch: Float64Array): void {
  const n = skip >= 0 ? m - 1 : m;
  if (n === 0) return;
  const c = shapleyCoefficients(n);
  const e = scratch; // e[0..p] over P
  e[0] = 1;
  let p = 0;
  let zOut = 1;
  for (let j = 0; j < m; j++) {
    if (j === skip) continue;
    const zj = z[zOffset + j];
    if (mask & (1 << j)) {
      e[p + 1] = 0;
      for (let k = p + 1; k > 0; k--) e[k] += zj * e[k - 1];
      p++;
    } else zOut *= zj;
  }
  // F(P) is only needed when some player lies outside P (then p ≤ n − 1).
  let fP = 0;
  if (p < n) for (let k = 0; k <= p; k++) fP += c[p - k] * e[k];
  for (let i = 0; i < m; i++) {
    if (i === skip) continue;
    if (!(mask & (1 << i))) {
      out[outOffset + i] = -zOut * fP;
      continue;
    }
    // e(P∖{i}) by dividing out (1 + z_i t): d_k = e_k − z_i d_{k−1}.
    const zi = z[zOffset + i];
    let f = 0;
    let prev = 0;
    for (let k = 0; k < p; k++) {
      const dk = e[k] - zi * prev;
      prev = dk;
      f += c[p - 1 - k] * dk;
    }
    out[outOffset + i] = (1 - zi) * zOut * f;
  }
}
