/**
 * The language service's own types (no LSP, no vscode): offsets into a document's text,
 * references to feature/column names, and what a reference should show. The server turns
 * them into LSP diagnostics, hovers and code actions (server/lsp).
 */

/** Which tokeniser reads a document. */
export type LanguageKind = 'python' | 'sql' | 'r' | 'yaml' | 'json' | 'csv' | 'tsv';

/** A name-like token of a document: a string literal's content, an identifier, a mapping key or a header field. */
export interface Token {
  readonly kind: 'string' | 'identifier' | 'key' | 'header';
  /** The name as written (quotes removed, escapes resolved where the language has them). */
  readonly text: string;
  /** 0-based offsets of the name in the document text (inside the quotes). */
  readonly start: number;
  readonly end: number;
  /** Unquoted SQL identifiers match column names without regard to case. */
  readonly caseInsensitive?: boolean;
  /** modeldiag.json: the models[] entry the token sits in (its 0-based index). */
  readonly configModelIndex?: number;
}

/** A token that names a known column or feature (`name` is the canonical spelling). */
export interface Reference extends Token {
  readonly name: string;
}
