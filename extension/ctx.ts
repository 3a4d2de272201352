/**
 * The extension's one context (rust-analyzer ctx.ts shape, kept small): it owns every
 * disposable with two lifetimes — the extension's and the language client's (dropped on
 * stop) — and registers the commands: disabled variants until the client runs, enabled
 * ones while it does.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../protocol/protocol';
import { createClient } from './client';
import { COMMANDS, type CommandContext } from './commands';
import { traceServer } from './config';
import { StatusBar } from './statusBar';
import { Sidebar } from './views/sidebar';
import { Webviews } from './webviews/webviews';

export class Ctx implements CommandContext {
  readonly output: vscode.LogOutputChannel;
  private readonly statusBar: StatusBar;
  private readonly sidebar: Sidebar;
  readonly webviews: Webviews;
  private readonly extCleanup: vscode.Disposable[] = [];
  private clientCleanup: vscode.Disposable[] = [];
  private commandCleanup: vscode.Disposable[] = [];
  private client?: LanguageClient;
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
    const client = createClient(this.context, this.output);
    this.client = client;
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

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.registerCommands(undefined);
    for (const d of this.clientCleanup.reverse()) d.dispose();
    this.clientCleanup = [];
    if (client) await client.dispose().catch((e: unknown) => this.output.error(`stopping the language server: ${String(e)}`));
  }

  private registerCommands(client: LanguageClient | undefined): void {
    for (const d of this.commandCleanup) d.dispose();
    this.commandCleanup = Object.entries(COMMANDS).map(([name, factory]) =>
      vscode.commands.registerCommand(name, client ? factory.enabled({ ...this.commandContext(), client }) : factory.disabled(this.commandContext())),
    );
  }

  private commandContext(): CommandContext {
    return { output: this.output, notRunningReason: () => this.reason, webviews: this.webviews };
  }
}
