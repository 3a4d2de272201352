/**
 * The command table (rust-analyzer shape): each command has an enabled variant, which needs
 * a running client, and a disabled one used before the server runs (Restricted Mode, not
 * started yet), which says why instead of failing with "command not found".
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandIds, RerunRequest, type RerunParams, type RerunResult } from '../protocol/protocol';
import { SIDEBAR_COMMANDS } from './views/sidebarCommands';
import { WEBVIEW_COMMANDS } from './commands/reportCommands';
import { declareExpectation } from './commands/declareExpectation';
import { ignoreFinding } from './commands/ignoreFinding';
import type { Webviews } from './webviews/webviews';

export const RERUN_COMMAND = 'modelDiagnostics.rerun';
export const SHOW_OUTPUT_COMMAND = 'modelDiagnostics.showOutput';

export interface CommandContext {
  readonly output: vscode.OutputChannel;
  /** Why the server is not running, for disabled commands. */
  notRunningReason(): string;
  /** Report and waterfall panels, model cards. */
  readonly webviews: Webviews;
  /** Stops the language client if it runs and starts a fresh one (not in Restricted Mode). */
  restartServer(): Promise<void>;
}

export interface RunningContext extends CommandContext {
  readonly client: LanguageClient;
}

type Handler = (...args: unknown[]) => unknown;

interface CommandFactory {
  readonly enabled: (ctx: RunningContext) => Handler;
  readonly disabled: (ctx: CommandContext) => Handler;
}

const notRunning = (ctx: CommandContext): Handler => () => vscode.window.showWarningMessage(`Model Diagnostics: ${ctx.notRunningReason()}`);

export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  [RERUN_COMMAND]: {
    enabled: (ctx) => async () => {
      const params: RerunParams = {};
      const result = await ctx.client.sendRequest<RerunResult>(RerunRequest.method, params);
      const models = result.folders.reduce((n, f) => n + f.models, 0);
      const problems = result.folders.reduce((n, f) => n + f.problems, 0);
      const cancelled = result.folders.some((f) => f.cancelled);
      vscode.window.setStatusBarMessage(`Model Diagnostics: ${cancelled ? 'rerun superseded by a newer run' : `${models} model${models === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'}`}`, 5000);
    },
    disabled: notRunning,
  },
  // Enabled in both modes: it is how a server that crashed too often is brought back.
  [CommandIds.restartServer]: {
    enabled: (ctx) => () => ctx.restartServer(),
    disabled: (ctx) => () => ctx.restartServer(),
  },
  [SHOW_OUTPUT_COMMAND]: {
    enabled: (ctx) => () => ctx.output.show(true),
    disabled: (ctx) => () => ctx.output.show(true),
  },
  ...SIDEBAR_COMMANDS,
  ...WEBVIEW_COMMANDS,
  // Config edits from quick fixes: they need no running server.
  [CommandIds.ignoreFinding]: { enabled: () => ignoreFinding, disabled: () => ignoreFinding },
  [CommandIds.declareExpectation]: { enabled: () => declareExpectation, disabled: () => declareExpectation },
};
