/**
 * The host side of the typed webview messages (protocol.ts, GitLens shape). Nothing is posted
 * before the page's ready request has been answered; when the page goes away (a hidden panel
 * without retained context), `reset()` waits for the next ready request.
 */
import type * as vscode from 'vscode';
import {
  isIpc,
  ReadyRequest,
  type BootstrapState,
  type IpcCommandDef,
  type IpcCompletion,
  type IpcMessage,
  type IpcNotificationDef,
  type WebviewKind,
} from '../../protocol/protocol';

type CommandHandler = (params: unknown) => void | Promise<void>;

export class HostIpc implements vscode.Disposable {
  private ready = false;
  private next = 0;
  private readonly commands = new Map<string, CommandHandler>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly kind: WebviewKind,
    private readonly bootstrap: () => Promise<BootstrapState>,
    private readonly log: (message: string) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((m: unknown) => void this.receive(m));
  }

  get isReady(): boolean {
    return this.ready;
  }

  onCommand<P>(def: IpcCommandDef<P>, handler: (params: P) => void | Promise<void>): this {
    this.commands.set(def.method, (p) => handler(p as P));
    return this;
  }

  /** Posts a notification if the page is listening; dropped otherwise (the next bootstrap carries the latest state). */
  notify<P>(def: IpcNotificationDef<P>, params: P): void {
    if (!this.ready) return;
    void this.webview.postMessage(this.message(def.method, params));
  }

  /** The page is gone (hidden, reloading): wait for its next ready request. */
  reset(): void {
    this.ready = false;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async receive(msg: unknown): Promise<void> {
    if (isIpc(ReadyRequest, msg)) {
      const completionId = msg.completionId ?? '';
      let answer: IpcCompletion<BootstrapState>;
      try {
        answer = { ok: true, result: await this.bootstrap() };
      } catch (e) {
        answer = { ok: false, error: `${ReadyRequest.method}: ${e instanceof Error ? e.message : String(e)}` };
      }
      await this.webview.postMessage({ ...this.message(ReadyRequest.completion, answer), completionId });
      this.ready = true;
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const { method, params } = msg as Partial<IpcMessage>;
    const handler = typeof method === 'string' ? this.commands.get(method) : undefined;
    if (!handler) {
      this.log(`${this.kind} webview: unknown message ${String(method)}`);
      return;
    }
    try {
      await handler(params);
    } catch (e) {
      this.log(`${this.kind} webview: ${String(method)} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private message<P>(method: string, params: P): IpcMessage<P> {
    return { id: `h${++this.next}`, method, params };
  }
}
