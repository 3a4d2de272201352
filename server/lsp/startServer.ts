import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, WatchKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../../protocol/protocol';
import { AnalysisService } from './analysisService';
import { ConfigDocuments } from './configDocuments';
import { registerExportInvariant } from './exportInvariantRequest';
import { registerLanguageFeatures } from './languageFeatures';
import { PersistentCache } from './persistentCache';
import { disposeSpareWorkers } from './warmWorkers';
import { registerRequests } from './requests';
import { FolderSettings } from './settings';
import { StatusReporter } from './statusReporter';
import { uriToPath, WorkspaceFolders } from './workspaceFolders';
import { dirname, join } from 'node:path';

export interface ServerOptions {
  /** dist/analysisWorker.js */
  readonly workerPath: string;
  /** Quiet time after a change before a folder is analysed again. */
  readonly debounceMs?: number;
}

declare const __VERSION__: string;
/** Stored results of another server version are not restored (persistentCache.ts). */
const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * Files whose changes re-run analysis; the server registers these watchers with the client.
 * Discovery takes extensions in any case (isDataFile, *.onnx) but watcher globs are
 * case-sensitive on Linux: the upper-case spellings are listed too.
 */
/** Configs, models, data, and the usual names of ONNX external-data files (their key: worker/contentKey.ts). */
export const WATCHED_GLOBS = ['**/modeldiag.json', '**/*.{onnx,ONNX}', '**/*.{csv,tsv,parquet,CSV,TSV,PARQUET}', '**/*.{data,onnx_data,bin,pb,weights}'];

/** Folders discovery never walks (discoverWorkspace's SKIP_DIRS and dot-folders): changes there re-run nothing. */
const SKIPPED = /[\\/](node_modules|dist|out|venv|__pycache__|\.[^\\/]+)[\\/]/;

/** Wires the LSP connection: lifecycle, folders, open configs, watched files, settings, custom requests. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const folders = new WorkspaceFolders();
  const caps = { configuration: false, workspaceFolders: false, dynamicWatchers: false, dynamicConfiguration: false };
  const settings = new FolderSettings(connection, () => caps.configuration);
  const status = new StatusReporter(connection);
  const scheduleFile = (file: string): void => {
    const folder = folders.folderOf(file);
    if (folder && !SKIPPED.test(file.slice(folder.length))) void service.schedule(folder);
  };
  const documents = new ConfigDocuments(connection, scheduleFile);
  const service = new AnalysisService({ connection, workerPath: options.workerPath, folders, documents, settings, status, debounceMs: options.debounceMs ?? 300, onResult: (f) => language.analysisFinished(f) });
  registerRequests({ connection, service, folders, status, workerPath: options.workerPath });
  registerExportInvariant({ connection, folders, documents, workerPath: options.workerPath });
  const language = registerLanguageFeatures({ connection, documents: documents.documents, configs: documents, folders, service, langWorkerPath: join(dirname(options.workerPath), 'langWorker.js') });

  connection.onInitialize((params): InitializeResult => {
    const c = params.capabilities;
    caps.configuration = !!c.workspace?.configuration;
    caps.workspaceFolders = !!c.workspace?.workspaceFolders;
    caps.dynamicWatchers = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    caps.dynamicConfiguration = !!c.workspace?.didChangeConfiguration?.dynamicRegistration;
    service.useStore(PersistentCache.from(params.initializationOptions, SERVER_VERSION));
    for (const f of params.workspaceFolders ?? []) folders.add(f.uri);
    if (!folders.paths().length && params.rootUri) folders.add(params.rootUri);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...language.capabilities(c),
      },
      serverInfo: { name: 'model-diagnostics' },
    };
  });

  connection.onInitialized(() => {
    if (caps.dynamicWatchers) {
      // Deleting a folder reports the folder, not the files in it: deletions of anything count.
      const watchers = [...WATCHED_GLOBS.map((globPattern) => ({ globPattern })), { globPattern: '**/*', kind: WatchKind.Delete }];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    if (caps.dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const path = folders.remove(f.uri);
          if (path) service.drop(path);
        }
        for (const f of e.added) {
          const path = folders.add(f.uri);
          if (path) void service.schedule(path, { immediate: true });
        }
      });
    }
    // Stored results first (shown at once), then a run that recomputes only what changed.
    for (const folder of folders.paths()) void service.restore(folder).finally(() => service.schedule(folder, { immediate: true }));
  });

  connection.onDidChangeWatchedFiles((e) => {
    for (const change of e.changes) {
      const path = uriToPath(change.uri);
      if (path) scheduleFile(path);
    }
  });

  // One door for settings changes (eslint's environmentChanged): drop cached settings, re-analyse everything.
  connection.onDidChangeConfiguration(() => {
    settings.clear();
    for (const folder of folders.paths()) void service.schedule(folder);
  });

  connection.onShutdown(async () => {
    service.dispose();
    language.dispose();
    await disposeSpareWorkers();
    await service.flushed();
  });
}
