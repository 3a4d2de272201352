/**
 * A real LSP client for tests: spawns the built server (dist/server.js) over stdio and talks
 * to it with vscode-languageserver-protocol. Notifications are recorded; `waitFor` resolves
 * when a condition over them holds (checked on every message) or fails after a timeout that
 * names what it waited for. No sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification, type StatusParams } from '../../protocol/protocol';

export const REPO = join(__dirname, '../..');

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly statuses: StatusParams[];
  /** Work-done progress values with the client's receive time (performance.now()). */
  readonly progress: { kind: string; message?: string; at: number }[];
  readonly serverRequests: string[];
  /** The params of every client/registerCapability request. */
  readonly registrations: { registrations: { method: string; registerOptions?: unknown }[] }[];
  /** window/logMessage texts. */
  readonly logs: string[];
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface TestClientOptions {
  /** Extra environment of the server process (e.g. MODELDIAG_PROBE=1). */
  readonly env?: Readonly<Record<string, string>>;
  /** `initializationOptions` of the initialize request (as extension/client.ts sends them). */
  readonly initializationOptions?: unknown;
  /** The `maxRows` setting answered to workspace/configuration. */
  readonly maxRows?: number;
}

export async function startTestClient(folder: string, options: TestClientOptions = {}): Promise<TestClient> {
  // MODELDIAG_LSP_SERVER runs the suite against another build, e.g. the server unpacked from the VSIX.
  const server = process.env.MODELDIAG_LSP_SERVER ?? join(REPO, 'dist/server.js');
  const child: ChildProcess = spawn(process.execPath, [server, '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const statuses: StatusParams[] = [];
  const progress: { kind: string; message?: string; at: number }[] = [];
  const serverRequests: string[] = [];
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());

  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    changed();
  });
  connection.onNotification(StatusNotification.method, (p: StatusParams) => {
    statuses.push(p);
    changed();
  });
  connection.onNotification('$/progress', (p: { value: { kind: string; message?: string } }) => {
    progress.push({ ...p.value, at: performance.now() });
    changed();
  });
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
    changed();
  });
  connection.onRequest('window/workDoneProgress/create', () => {
    serverRequests.push('window/workDoneProgress/create');
    return null;
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
    serverRequests.push('workspace/configuration');
    return p.items.map(() => ({ enable: true, maxRows: options.maxRows ?? 20000 }));
  });
  const registrations: TestClient['registrations'] = [];
  connection.onRequest('client/registerCapability', (p: TestClient['registrations'][number]) => {
    serverRequests.push('client/registerCapability');
    registrations.push(p);
    return null;
  });
  connection.listen();

  const init: InitializeParams = {
    processId: process.pid,
    rootUri: fileUri(folder),
    initializationOptions: options.initializationOptions,
    workspaceFolders: [{ uri: fileUri(folder), name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { codeDescriptionSupport: true } },
    },
  };
  await connection.sendRequest('initialize', init);
  await connection.sendNotification('initialized', {});

  const waitFor = <T>(what: string, check: () => T | undefined, timeoutMs = 15000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const probe = (): void => {
        const v = check();
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        listeners.delete(probe);
      };
      listeners.add(probe);
      probe();
    });

  const stop = async (): Promise<void> => {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    await exited;
  };
  return { connection, diagnostics, statuses, progress, serverRequests, registrations, logs, waitFor, stop };
}
