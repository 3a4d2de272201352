/**
 * The sidebar's and remedies' entries of the command table (extension/commands.ts spreads
 * them in): reveal a finding, open a slice in the report, save a slice as a regression test,
 * export an invariant model.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../protocol/protocol';
import type { CommandContext, RunningContext } from '../commands';
import { exportInvariantModel } from '../commands/invariantCommand';
import { revealFinding } from '../commands/revealFinding';
import { addSliceAsTest } from '../commands/slicesCommand';
import { OPEN_SLICE_COMMAND, openSliceInReport } from './slicesTree';

type Handler = (...args: unknown[]) => unknown;

interface Factory {
  readonly enabled: (ctx: RunningContext) => Handler;
  readonly disabled: (ctx: CommandContext) => Handler;
}

const notRunning = (ctx: CommandContext): Handler => () => vscode.window.showWarningMessage(`Model Diagnostics: ${ctx.notRunningReason()}`);

/** Errors become a message and a log line instead of a silent rejected promise. */
const guarded = (ctx: CommandContext, what: string, f: Handler): Handler => async (...args) => {
  try {
    return await f(...args);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.output.appendLine(`${what} failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(`Model Diagnostics: ${what} failed: ${message}`);
    return undefined;
  }
};

export const SIDEBAR_COMMANDS: Readonly<Record<string, Factory>> = {
  [CommandIds.revealFinding]: {
    enabled: (ctx) => guarded(ctx, 'Reveal Finding', (arg) => revealFinding(arg)),
    disabled: (ctx) => guarded(ctx, 'Reveal Finding', (arg) => revealFinding(arg)),
  },
  [OPEN_SLICE_COMMAND]: {
    enabled: (ctx) => guarded(ctx, 'Open Slice in Report', (arg) => openSliceInReport(arg as Parameters<typeof openSliceInReport>[0])),
    disabled: notRunning,
  },
  [CommandIds.addSliceAsTest]: {
    enabled: (ctx) => guarded(ctx, 'Add Slice as Regression Test', (arg) => addSliceAsTest(ctx.client, arg)),
    disabled: notRunning,
  },
  [CommandIds.exportInvariantModel]: {
    enabled: (ctx) => guarded(ctx, 'Export Invariant Model', () => exportInvariantModel(ctx.client)),
    disabled: notRunning,
  },
};
