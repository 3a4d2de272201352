/**
 * Typed getters for the extension's settings (package.json contributes.configuration).
 * No other code reads settings by string key. Malformed values fall back to defaults.
 */
import * as vscode from 'vscode';
import { DEFAULT_SERVER_SETTINGS, SETTINGS_SECTION, type ServerSettings } from '../protocol/protocol';

export type TraceLevel = 'off' | 'messages' | 'verbose';

function raw(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
}

/** `modelDiagnostics.enable` (resource): analyse this folder and show its diagnostics. */
export function enable(scope?: vscode.ConfigurationScope): boolean {
  const v = raw(scope).get<unknown>('enable');
  return typeof v === 'boolean' ? v : DEFAULT_SERVER_SETTINGS.enable;
}

/** `modelDiagnostics.maxRows` (resource): rows per split the editor analyses at most. */
export function maxRows(scope?: vscode.ConfigurationScope): number {
  const v = raw(scope).get<unknown>('maxRows');
  return typeof v === 'number' && Number.isFinite(v) && v >= 100 ? Math.floor(v) : DEFAULT_SERVER_SETTINGS.maxRows;
}

/** `modelDiagnostics.trace.server` (window): the language client logs LSP traffic at this level (read by vscode-languageclient too). */
export function traceServer(): TraceLevel {
  const v = raw().get<unknown>('trace.server');
  return v === 'messages' || v === 'verbose' ? v : 'off';
}

/** The settings the server asks for (workspace/configuration), for one folder. */
export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  return { enable: enable(scope), maxRows: maxRows(scope) };
}
