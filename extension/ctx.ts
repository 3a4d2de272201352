/**
 * The extension's one context (rust-analyzer ctx.ts shape, kept small): it owns every
 * disposable with two lifetimes — the extension's and the language client's (dropped on
 * stop) — and registers the commands: disabled variants until the client runs, enabled
 * ones while it does.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../protocol/protocol';
import { createClient } from './client';
import { COMMANDS, type CommandContext } from './commands';
import { traceServer } from './config';
import { ServerErrorHandler } from './serverErrorHandler';
import { StatusBar } from './statusBar';
import { Sidebar } from './views/sidebar';
import { Webviews } from './webviews/webviews';

/** Context key of the sidebar's "stopped after crashing" welcome (package.json viewsWelcome). */
const STOPPED_CONTEXT = 'modelDiagnostics.serverStopped';

export class Ctx implements CommandContext {
  readonly output: vscode.LogOutputChannel;
  private readonly statusBar: StatusBar;
  private readonly sidebar: Sidebar;
  readonly webviews: Webviews;
  private readonly extCleanup: vscode.Disposable[] = [];
  private clientCleanup: vscode.Disposable[] = [];
  private commandCleanup: vscode.Disposable[] = [];
  private client?: LanguageClient;
  private restarting?: Promise<void>;
  private reason = 'the language server is starting';

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Model Diagnostics', { log: true });
    this.statusBar = new StatusBar();
    this.sidebar = new Sidebar(this.output);
    this.pushExtCleanup(this.output, this.statusBar, this.sidebar);
    this.webviews = new Webviews({ extensionUri: context.extensionUri, output: this.output, client: () => this.client, notRunningReason: () => this.reason });
    this.pushExtCleanup(this.webviews);
    this.registerCommands(undefined);
  }

  pushExtCleanup(...d: vscode.Disposable[]): void {
    this.extCleanup.push(...d);
  }

  pushClientCleanup(...d: vscode.Disposable[]): void {
    this.clientCleanup.push(...d);
  }

  notRunningReason(): string {
    return this.reason;
  }

  /** Restricted Mode: nothing is started; says so in the status bar and in disabled commands. */
  restricted(): void {
    this.reason = 'Restricted Mode: trust this workspace to analyse its models and data';
    this.statusBar.phase('restricted');
    this.output.info('Restricted Mode: the language server is not started until the workspace is trusted.');
  }

  async start(): Promise<void> {
    if (this.client) return;
    this.reason = 'the language server is starting';
    this.statusBar.phase('starting');
    void vscode.commands.executeCommand('setContext', STOPPED_CONTEXT, false);
    // A handler per client: Restart Server starts with a clean crash history.
    const errorHandler = new ServerErrorHandler({
      restarting: ({ exit, restart, allowed }) => this.statusBar.phase('restarting', `${exit}; restart ${restart} of ${allowed}`),
      gaveUp: (message) => this.whenStopped(client, () => this.crashed(client, message)),
    });
    const client = createClient(this.context, this.output, errorHandler);
    this.client = client;
    this.pushClientCleanup(errorHandler.watch(client));
    this.pushClientCleanup(client.onNotification(StatusNotification.method, (s: StatusParams) => (this.statusBar.status(s), this.sidebar.status(s), this.webviews.status(s))));
    this.output.info(`starting the language server (trace: ${traceServer()})`);
    try {
      await client.start();
      this.registerCommands(client);
      this.pushClientCleanup(this.sidebar.attach(client));
    } catch (e) {
      this.reason = `the language server failed to start: ${e instanceof Error ? e.message : String(e)}`;
      this.statusBar.phase('failed', e instanceof Error ? e.message : String(e));
      this.output.error(this.reason);
      await this.disposeClient();
    }
  }

  /** Restart Server: a fresh client (and crash history); in Restricted Mode only says why not. */
  restartServer(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`Model Diagnostics: ${this.reason}`);
      return Promise.resolve();
    }
    this.restarting ??= (async () => {
      this.output.info('restarting the language server (Restart Server)');
      await this.disposeClient();
      await this.start();
    })().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  async stop(): Promise<void> {
    await this.disposeClient();
    this.reason = 'the language server is stopped';
    this.statusBar.phase('stopped');
  }

  async dispose(): Promise<void> {
    await this.disposeClient();
    for (const d of [...this.commandCleanup, ...this.extCleanup].reverse()) d.dispose();
    this.commandCleanup = [];
    this.extCleanup.length = 0;
  }

  /** Runs `f` once `client` has stopped: the error handler decides while the client is still tearing down. */
  private whenStopped(client: LanguageClient, f: () => Promise<void>): void {
    const stopped = (s: State) => s === State.Stopped || s === State.StartFailed;
    if (stopped(client.state)) return void f();
    const sub = client.onDidChangeState((e) => {
      if (!stopped(e.newState)) return;
      sub.dispose();
      void f();
    });
    this.pushClientCleanup(sub);
  }

  /** The server crashed more often than the restart policy allows: say so, offer Restart Server. */
  private async crashed(client: LanguageClient, message: string): Promise<void> {
    if (this.client !== client) return;
    await this.disposeClient();
    this.reason = `${message} Run "Model Diagnostics: Restart Server" to start it again`;
    this.statusBar.phase('crashed', message);
    void vscode.commands.executeCommand('setContext', STOPPED_CONTEXT, true);
    const choice = await vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output');
    if (choice === 'Restart Server') await this.restartServer();
    else if (choice === 'Show Output') this.output.show(true);
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.registerCommands(undefined);
    for (const d of this.clientCleanup.reverse()) d.dispose();
    this.clientCleanup = [];
    // A client in the middle of a (re)start cannot be stopped: let it finish first, or its
    // server process would be left running.
    if (client?.state === State.Starting) await client.start().catch(() => undefined);
    if (client) await client.dispose().catch((e: unknown) => this.output.error(`stopping the language server: ${String(e)}`));
  }

  private registerCommands(client: LanguageClient | undefined): void {
    for (const d of this.commandCleanup) d.dispose();
    this.commandCleanup = Object.entries(COMMANDS).map(([name, factory]) =>
      vscode.commands.registerCommand(name, client ? factory.enabled({ ...this.commandContext(), client }) : factory.disabled(this.commandContext())),
    );
  }

  private commandContext(): CommandContext {
    return { output: this.output, notRunningReason: () => this.reason, webviews: this.webviews, restartServer: () => this.restartServer() };
  }
}
