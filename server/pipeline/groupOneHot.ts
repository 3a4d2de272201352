import type { RowExplanation } from './explainRows';

/**
 * Groups the attributions of one-hot input columns back into their original feature
 * (`oneHot` in modeldiag.json: feature → its columns). The group's value is the sum of its
 * members' values — shap's convention for one-hot groups; it keeps efficiency (Σφ + base =
 * f(x)) exact. The group's "feature value" is the index of the active column (NaN if none).
 */
export function groupOneHot(e: RowExplanation, groups: Readonly<Record<string, readonly string[]>>): RowExplanation {
  const entries = Object.entries(groups).filter(([, cols]) => cols.length > 0 && cols.every((c) => e.features.includes(c)));
  if (!entries.length) return e;
  const memberOf = new Map<string, string>();
  for (const [g, cols] of entries) for (const c of cols) memberOf.set(c, g);
  // New feature list: each group takes the place of its first member; other members disappear.
  const out: { name: string; sources: number[] }[] = [];
  const seen = new Map<string, number>();
  e.features.forEach((f, j) => {
    const g = memberOf.get(f);
    if (!g) {
      out.push({ name: f, sources: [j] });
      return;
    }
    const at = seen.get(g);
    if (at === undefined) {
      seen.set(g, out.length);
      out.push({ name: g, sources: [j] });
    } else out[at].sources.push(j);
  });
  const d = e.features.length;
  const d2 = out.length;
  const w = e.outputWidth;
  const values = new Float64Array(e.rows * d2 * w);
  const inputs = new Float64Array(e.rows * d2);
  for (let r = 0; r < e.rows; r++) {
    out.forEach(({ sources }, g) => {
      for (let k = 0; k < w; k++) {
        let s = 0;
        for (const j of sources) s += e.values[(r * d + j) * w + k];
        values[(r * d2 + g) * w + k] = s;
      }
      if (sources.length === 1) inputs[r * d2 + g] = e.inputs[r * d + sources[0]];
      else {
        const active = sources.findIndex((j) => e.inputs[r * d + j] > 0.5);
        inputs[r * d2 + g] = active >= 0 ? active : NaN;
      }
    });
  }
  return { ...e, features: out.map((o) => o.name), values, inputs };
}
