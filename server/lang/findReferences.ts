import { configTokens } from './configTokens';
import { delimitedHeader } from './delimitedHeader';
import { jsonTokens } from './jsonTokens';
import { pythonTokens } from './pythonTokens';
import { rTokens } from './rTokens';
import { sqlTokens } from './sqlTokens';
import type { LanguageKind, Reference, Token } from './types';
import { yamlTokens } from './yamlTokens';

/** The name-like tokens of a document in one language (one tokeniser per language). */
export function tokensOf(text: string, kind: LanguageKind, config = false): Token[] {
  switch (kind) {
    case 'python':
      return pythonTokens(text);
    case 'sql':
      return sqlTokens(text);
    case 'r':
      return rTokens(text);
    case 'yaml':
      return yamlTokens(text);
    case 'json':
      return config ? configTokens(text) : jsonTokens(text);
    case 'csv':
      return delimitedHeader(text, ',');
    case 'tsv':
      return delimitedHeader(text, '\t');
  }
}

/**
 * The tokens that name one of `names` (known features and data columns), with the
 * canonical spelling. Exact match, except bare SQL identifiers, which match regardless of
 * case when that is unambiguous.
 */
export function findReferences(text: string, kind: LanguageKind, names: ReadonlySet<string>, config = false): Reference[] {
  const folded = new Map<string, string | null>();
  for (const n of names) {
    const k = n.toLowerCase();
    folded.set(k, folded.has(k) && folded.get(k) !== n ? null : n);
  }
  const out: Reference[] = [];
  for (const t of tokensOf(text, kind, config)) {
    const name = names.has(t.text) ? t.text : t.caseInsensitive ? folded.get(t.text.toLowerCase()) : undefined;
    if (name) out.push({ ...t, name });
  }
  return out;
}
