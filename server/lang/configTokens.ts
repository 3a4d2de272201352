import { jsonTokens } from './jsonTokens';
import type { Token } from './types';

/**
 * References in modeldiag.json: only where the schema expects a column name — values of
 * `features`, `categorical`, `sensitive`, `target`, `time`, `ignore[].feature`, the columns
 * of `oneHot` groups and saved slice predicates' `feature`, and the keys of `expect` and
 * `oneHot`. The schema's own vocabulary (`models`, `name`, `data`, `task`…), model names and
 * paths are never references: a column called "target" or "model" must not light up every
 * entry. Each token carries its models[] index so it is scoped to that model alone.
 */
const VALUE_LISTS = new Set(['features', 'categorical', 'sensitive']);
const VALUE_FIELDS = new Set(['target', 'time']);
const KEYED_OBJECTS = new Set(['expect', 'oneHot']);

export function configTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const t of jsonTokens(text)) {
    const p = t.path;
    if (p[0] !== 'models' || typeof p[1] !== 'number') continue;
    const rest = p.slice(2);
    const field = rest[0];
    if (typeof field !== 'string') continue;
    const isRef =
      t.kind === 'key'
        ? rest.length === 1 && KEYED_OBJECTS.has(field)
        : (rest.length === 2 && VALUE_LISTS.has(field)) ||
          (rest.length === 1 && VALUE_FIELDS.has(field)) ||
          (field === 'ignore' && rest.length === 3 && rest[2] === 'feature') ||
          (field === 'oneHot' && rest.length === 3) ||
          (field === 'slices' && rest.length === 5 && rest[2] === 'predicates' && rest[4] === 'feature');
    if (isRef) out.push({ kind: t.kind, text: t.text, start: t.start, end: t.end, configModelIndex: p[1] });
  }
  return out;
}
