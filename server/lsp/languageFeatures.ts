import { CodeActionKind, DocumentDiagnosticReportKind, NotebookDocuments, type ClientCapabilities, type Connection, type ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FolderModel } from '../lang/folderModel';
import type { AnalysisService } from './analysisService';
import { codeActions } from './codeActions';
import { rowLenses } from './codeLens';
import { ColumnStatsCache } from './columnStatsCache';
import { documentReferences, type DocumentSource } from './documentReferences';
import { registerExplainRow } from './explainRowHandler';
import { hover } from './hovers';
import { LangWorkers } from './langWorkers';
import { referenceDiagnostics } from './referenceDiagnostics';
import type { WorkspaceFolders } from './workspaceFolders';
import type { ConfigDocuments } from './configDocuments';

export interface LanguageFeatureDeps {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly configs: ConfigDocuments;
  readonly folders: WorkspaceFolders;
  readonly service: AnalysisService;
  /** dist/langWorker.js */
  readonly langWorkerPath: string;
}

export interface LanguageFeatures {
  /** Server capabilities for onInitialize, given what the client supports. */
  capabilities(client: ClientCapabilities): ServerCapabilities;
  /** A folder's analysis finished: drop stale data, re-diagnose open documents. */
  analysisFinished(folder: string): void;
  dispose(): void;
}

/** Re-diagnosis delay after typing (push fallback; pull clients debounce themselves). */
const PUSH_DEBOUNCE_MS = 250;

/**
 * Findings where the user writes code: diagnostics at every reference to a feature or data
 * column (pull `textDocument/diagnostic`, or pushed on change for clients without pull),
 * hovers with the feature's numbers, quick fixes, "Explain this row" lenses on paired data
 * files, the explainRow request, and notebook cell sync. The language service itself
 * (server/lang) has no LSP imports; heavy work runs in per-folder language workers.
 */
export function registerLanguageFeatures(deps: LanguageFeatureDeps): LanguageFeatures {
  const { connection, documents, folders, service } = deps;
  const workers = new LangWorkers(deps.langWorkerPath);
  const stats = new ColumnStatsCache(workers, (f) => service.result(f), (f) => deps.configs.texts(f));
  const notebooks = new NotebookDocuments(documents);
  notebooks.listen(connection);
  const src: DocumentSource = { documents, notebooks, folders, stats };
  const client = { pull: false, refresh: false, lensRefresh: false };
  const timers = new Map<string, NodeJS.Timeout>();

  connection.languages.diagnostics.on(async (params) => {
    const doc = await documentReferences(src, params.textDocument.uri).catch(() => undefined);
    const items = doc ? await referenceDiagnostics(doc, stats).catch(() => []) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
  connection.onHover(async (params) => {
    const doc = await documentReferences(src, params.textDocument.uri);
    return doc ? hover(doc, params, stats, folders.uriOf(doc.folder)) : null;
  });
  connection.onCodeAction(async (params) => {
    const wanted = new Set<string>();
    for (const d of params.context.diagnostics) {
      const folder = (d.data as { folder?: unknown } | undefined)?.folder;
      if (typeof folder === 'string') wanted.add(folder);
    }
    const models = new Map<string, readonly FolderModel[]>();
    for (const f of wanted) models.set(f, await stats.models(f));
    return codeActions(params, (f) => folders.uriOf(f), models);
  });
  connection.onCodeLens(async (params) => {
    const doc = await documentReferences(src, params.textDocument.uri);
    return doc ? rowLenses(doc, params.textDocument.uri) : [];
  });
  registerExplainRow(connection, folders, stats, workers);

  /** Push fallback: data files and modeldiag.json carry the folder's own pushed diagnostics, so they are left to pull clients. */
  const pushable = (uri: string): boolean => !/\.(csv|tsv)$|modeldiag\.json$/i.test(uri.split(/[?#]/)[0]);
  const push = (uri: string): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void (async () => {
          const doc = await documentReferences(src, uri).catch(() => undefined);
          const diagnostics = doc ? await referenceDiagnostics(doc, stats).catch(() => []) : [];
          if (documents.get(uri)) await connection.sendDiagnostics({ uri, diagnostics });
        })();
      }, PUSH_DEBOUNCE_MS),
    );
  };
  documents.onDidChangeContent((e) => {
    if (!client.pull && pushable(e.document.uri)) push(e.document.uri);
  });
  documents.onDidClose((e) => {
    if (!client.pull && pushable(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return {
    capabilities(c) {
      client.pull = !!c.textDocument?.diagnostic;
      client.refresh = !!c.workspace?.diagnostics?.refreshSupport;
      client.lensRefresh = !!c.workspace?.codeLens?.refreshSupport;
      return {
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        notebookDocumentSync: { notebookSelector: [{ notebook: { pattern: '**/*.ipynb' }, cells: [{ language: 'python' }] }] },
        ...(client.pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      };
    },
    analysisFinished(folder) {
      stats.analysisFinished(folder);
      if (client.pull) {
        if (client.refresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
      } else for (const d of documents.all()) if (pushable(d.uri)) push(d.uri);
      if (client.lensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      workers.dispose();
    },
  };
}
