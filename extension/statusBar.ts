import * as vscode from 'vscode';
import type { StatusParams } from '../protocol/protocol';
import { SHOW_OUTPUT_COMMAND } from './commands';

export type ClientPhase = 'restricted' | 'starting' | 'restarting' | 'stopped' | 'failed' | 'crashed';

/** The status bar item: the server's analysis state and progress; a click shows the log. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('modelDiagnostics.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Model Diagnostics';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.item.show();
  }

  /**
   * When the server is not reporting: Restricted Mode, starting, restarting after a crash
   * (`detail`: the exit status and restart count), stopped, failed to start, or stopped after
   * crashing too often (`detail`: why). Its next status notification replaces the phase.
   */
  phase(phase: ClientPhase, detail?: string): void {
    const look: Record<ClientPhase, [string, string]> = {
      restricted: ['$(shield) Model Diagnostics: Restricted', 'Restricted Mode: models and data are not loaded or analysed until you trust this workspace.'],
      starting: ['$(loading~spin) Model Diagnostics', 'Starting the language server…'],
      restarting: ['$(sync~spin) Model Diagnostics: Restarting', `The language server crashed and is restarting${detail ? ` (${detail})` : ''}. Click for the log.`],
      stopped: ['$(circle-slash) Model Diagnostics', 'The language server is not running.'],
      failed: ['$(error) Model Diagnostics', `The language server failed to start${detail ? `: ${detail}` : ''}. Click for the log.`],
      crashed: ['$(error) Model Diagnostics: Stopped', `${detail ?? 'The language server crashed and was not restarted.'}\nRun "Model Diagnostics: Restart Server" to start it again; click for the log.`],
    };
    const [text, tooltip] = look[phase];
    this.show(text, tooltip, phase === 'failed' || phase === 'crashed');
  }

  status(s: StatusParams): void {
    const progress = s.progress && s.progress.total > 0 ? ` ${s.progress.done}/${s.progress.total}` : '';
    switch (s.state) {
      case 'analysing':
        return this.show(`$(loading~spin) Model Diagnostics${progress}`, s.message, false);
      case 'ready':
        return this.show('$(check) Model Diagnostics', s.message, false);
      case 'error':
        return this.show('$(error) Model Diagnostics', `${s.message}\nClick for the log.`, true);
      case 'idle':
        return this.show('$(circle-outline) Model Diagnostics', s.message || 'Nothing to analyse.', false);
    }
  }

  dispose(): void {
    this.item.dispose();
  }

  private show(text: string, tooltip: string, error: boolean): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
