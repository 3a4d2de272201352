import type { LanguageKind } from './types';

const BY_LANGUAGE_ID: Readonly<Record<string, LanguageKind>> = {
  python: 'python',
  sql: 'sql',
  r: 'r',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  csv: 'csv',
  tsv: 'tsv',
};

const BY_EXTENSION: Readonly<Record<string, LanguageKind>> = {
  py: 'python',
  pyi: 'python',
  sql: 'sql',
  r: 'r',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'json',
  csv: 'csv',
  tsv: 'tsv',
};

/**
 * The tokeniser for a document: by the file extension first (a CSV shown as plain text is
 * still a CSV), else by the editor's language id (notebook cells, untitled documents).
 * `config` marks modeldiag.json, which has its own reference rules (configTokens.ts).
 */
export function languageOf(uri: string, languageId: string | undefined): { kind: LanguageKind; config: boolean } | undefined {
  const path = uri.split(/[?#]/)[0];
  const base = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  if (ext === 'ipynb') return languageId === 'python' ? { kind: 'python', config: false } : undefined; // a cell of a notebook
  const kind = BY_EXTENSION[ext] ?? (languageId ? BY_LANGUAGE_ID[languageId.toLowerCase()] : undefined);
  return kind ? { kind, config: base === 'modeldiag.json' } : undefined;
}
