/**
 * The language client's ErrorHandler: applies the restart policy of serverRestartPolicy.ts
 * when the server's connection closes, has each crash logged with the process's exit code or
 * signal, and tells the context (status bar, notification) whether the server is coming back.
 */
import type { ChildProcess } from 'node:child_process';
import type * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClient, type Message } from 'vscode-languageclient/node';
import { SERVER_RESTART_POLICY, decideRestart, describeExit, describeWindow, type RestartPolicy } from './serverRestartPolicy';

/** What the context shows for each outcome. */
export interface RestartEvents {
  /** The server died and is being restarted: the `restart`-th of `allowed` in the policy's window. */
  restarting(info: { readonly exit: string; readonly restart: number; readonly allowed: number }): void;
  /** The server stays stopped; `message` says why, for the notification and the status bar. */
  gaveUp(message: string): void;
}

/**
 * Connection errors (a failed write) before the 4th in a row are let through, as
 * vscode-languageclient's default handler does: a single lost message is not worth a restart.
 */
const MAX_CONNECTION_ERRORS = 3;

export class ServerErrorHandler implements ErrorHandler {
  private crashes: readonly number[] = [];
  /** The running server process: the client forgets it before asking closed(). */
  private process?: ChildProcess;

  constructor(
    private readonly events: RestartEvents,
    private readonly policy: RestartPolicy = SERVER_RESTART_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Follows the client's server process across restarts, for its exit status, and reports a
   * restart that failed to start (the client has shown that error itself) as the end.
   */
  watch(client: LanguageClient): vscode.Disposable {
    return client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.process = client.serverProcess;
      else if (e.newState === State.StartFailed && this.crashes.length > 0) this.events.gaveUp('The Model Diagnostics language server crashed and could not be restarted.');
    });
  }

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= MAX_CONNECTION_ERRORS) return { action: ErrorAction.Continue };
    const message = `The Model Diagnostics language server stopped answering (${error.message}) and was shut down.`;
    this.events.gaveUp(message);
    return { action: ErrorAction.Shutdown, message, handled: true };
  }

  // Each result carries `handled: true`: the client then writes `message` to our output channel
  // (info for a restart, error for a stop) and shows no notification of its own; the context
  // shows ours, with a Restart Server action.
  closed(): CloseHandlerResult {
    // The IPC channel closes on the process's 'close' event, which Node emits after 'exit', so
    // exitCode/signalCode are already set here.
    const exit = describeExit(this.process?.exitCode, this.process?.signalCode);
    this.process = undefined;
    const decision = decideRestart(this.crashes, this.now(), this.policy);
    this.crashes = decision.crashes;
    const window = describeWindow(this.policy);
    if (decision.restart) {
      const restart = decision.crashes.length;
      const message = `The language server exited (${exit}); restarting it (restart ${restart} of ${this.policy.maxRestarts} allowed within ${window}).`;
      this.events.restarting({ exit, restart, allowed: this.policy.maxRestarts });
      return { action: CloseAction.Restart, message, handled: true };
    }
    const message = `The Model Diagnostics language server exited (${exit}) ${decision.crashes.length} times within ${window} and was not restarted.`;
    this.events.gaveUp(message);
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }
}
