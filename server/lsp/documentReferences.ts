import type { TextDocuments } from 'vscode-languageserver/node';
import type { NotebookDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FolderModel } from '../lang/folderModel';
import { findReferences } from '../lang/findReferences';
import { languageOf } from '../lang/languageOf';
import { modelsInScope } from '../lang/modelScope';
import { isCandidateColumn } from '../lang/referenceFindings';
import type { Reference } from '../lang/types';
import type { ColumnStatsCache } from './columnStatsCache';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

/** A document read by the language service: its references and the models they concern. */
export interface DocumentReferences {
  readonly document: TextDocument;
  readonly folder: string;
  /** The file's path (for a notebook cell: the notebook's). */
  readonly path: string;
  readonly refs: readonly Reference[];
  readonly all: readonly FolderModel[];
  readonly inScope: readonly FolderModel[];
}

export interface DocumentSource {
  readonly documents: TextDocuments<TextDocument>;
  readonly notebooks: NotebookDocuments<TextDocument>;
  readonly folders: WorkspaceFolders;
  readonly stats: ColumnStatsCache;
}

/** Tokenises an open document and finds the features and data columns it names (undefined: not ours). */
export async function documentReferences(src: DocumentSource, uri: string): Promise<DocumentReferences | undefined> {
  const document = src.documents.get(uri);
  if (!document) return undefined;
  const lang = languageOf(uri, document.languageId);
  const path = uriToPath(src.notebooks.findNotebookDocumentForCell(uri)?.uri ?? uri);
  if (!lang || !path) return undefined;
  const folder = src.folders.folderOf(path);
  if (!folder) return undefined;
  const all = await src.stats.models(folder);
  const inScope = modelsInScope(path, all);
  const pool = lang.config ? all : inScope;
  const names = new Set<string>();
  for (const m of pool) {
    for (const f of m.features) names.add(f);
    for (const c of m.columns) if (isCandidateColumn(m, c)) names.add(c);
  }
  const refs = names.size ? findReferences(document.getText(), lang.kind, names, lang.config) : [];
  return { document, folder, path, refs, all, inScope };
}
