import type { CategoricalColumn, Column, Dataset } from '../loaders/data/dataset';
import { MISSING_CODE } from '../loaders/data/dataset';

/**
 * Gives categorical columns of the same name one shared dictionary across splits, so a
 * code means the same category in train and test (each CSV builds its own dictionary in
 * order of appearance). Categories only seen in later splits are appended.
 */
export function alignCategories(splits: readonly (Dataset | undefined)[]): (Dataset | undefined)[] {
  const dictionaries = new Map<string, string[]>();
  for (const d of splits) {
    for (const c of d?.columns ?? []) {
      if (c.kind !== 'categorical') continue;
      const dict = dictionaries.get(c.name) ?? [];
      for (const v of c.dictionary) if (!dict.includes(v)) dict.push(v);
      dictionaries.set(c.name, dict);
    }
  }
  return splits.map((d) => {
    if (!d) return d;
    const columns = d.columns.map((c): Column => {
      if (c.kind !== 'categorical') return c;
      const shared = dictionaries.get(c.name)!;
      const remap = c.dictionary.map((v) => shared.indexOf(v));
      const codes = new Int32Array(c.codes.length);
      for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] === MISSING_CODE ? MISSING_CODE : remap[c.codes[i]];
      const aligned: CategoricalColumn = { kind: 'categorical', name: c.name, codes, dictionary: shared };
      return aligned;
    });
    return { ...d, columns };
  });
}
