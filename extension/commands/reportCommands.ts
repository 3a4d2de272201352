/**
 * The webview commands: Open Report (focused on a model/section/slice), Export Report… and
 * Explain Row. Each has an enabled variant (server running) and a disabled one that says why.
 */
import * as vscode from 'vscode';
import { CommandIds, REPORT_SECTIONS, type ReportFocus } from '../../protocol/protocol';
import type { CommandContext, RunningContext } from '../commands';
import { explainRow } from './explainRow';
import { exportReportCommand } from './exportReport';


/** The command's argument, checked field by field: a ReportFocus, a Uri (explorer, editor title), or nothing. */
export function asFocus(arg: unknown): ReportFocus | undefined {
  if (arg instanceof vscode.Uri) return { model: arg.toString() };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const folder = str(a.folder);
  const model = str(a.model);
  const section = REPORT_SECTIONS.find((s) => s === a.section);
  const slice = typeof a.slice === 'number' && Number.isInteger(a.slice) && a.slice >= 0 ? a.slice : undefined;
  return { ...(folder ? { folder } : {}), ...(model ? { model } : {}), ...(section ? { section } : {}), ...(slice !== undefined ? { slice } : {}) };
}

const notRunning = (ctx: CommandContext) => () => vscode.window.showWarningMessage(`Model Diagnostics: ${ctx.notRunningReason()}`);

export const WEBVIEW_COMMANDS = {
  [CommandIds.openReport]: {
    enabled: (ctx: RunningContext) => (arg?: unknown) => ctx.webviews.reports.show(asFocus(arg)),
    disabled: notRunning,
  },
  [CommandIds.exportReport]: {
    enabled: (ctx: RunningContext) => () => exportReportCommand(ctx),
    disabled: notRunning,
  },
  [CommandIds.explainRow]: {
    enabled: (ctx: RunningContext) => (arg?: unknown) => explainRow(ctx, arg),
    disabled: notRunning,
  },
} as const;
