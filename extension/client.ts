import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CommandIds, SETTINGS_SECTION } from '../protocol/protocol';
import { serverSettings } from './config';

export const CLIENT_ID = SETTINGS_SECTION; // so vscode-languageclient reads `modelDiagnostics.trace.server`

/**
 * The language client: dist/server.js over Node IPC. modeldiag.json and the files where
 * feature names appear are synchronised (the server watches .onnx and data files itself,
 * through dynamically registered file watchers). Settings requests are answered with the typed shape of
 * config.ts, scoped to the folder the server names. `errorHandler` decides whether a crashed
 * server is restarted (serverErrorHandler.ts).
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // modeldiag.json (config problems), and every kind of file where feature names appear:
    // training code, notebook cells, SQL, R, YAML/JSON configs, data headers (server/lang).
    documentSelector: [
      { scheme: 'file', pattern: '**/modeldiag.json' },
      ...['python', 'sql', 'r', 'yaml', 'json', 'jsonc'].flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'vscode-notebook-cell', language: 'python' },
      { scheme: 'file', pattern: '**/*.{csv,tsv}' },
    ],
    // Hovers link to the report; only that command may run from them.
    markdown: { isTrusted: { enabledCommands: [CommandIds.openReport] } },
    outputChannel: output,
    errorHandler,
    // Where the server keeps analysis results between sessions (server/lsp/persistentCache.ts).
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
    middleware: {
      workspace: {
        configuration: (params) =>
          params.items.map((item) => (item.section === SETTINGS_SECTION ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)),
      },
    },
  };
  return new LanguageClient(CLIENT_ID, 'Model Diagnostics', serverOptions, clientOptions);
}
