/**
 * The host side of the typed webview messages (protocol.ts, GitLens shape). Nothing is posted
 * before the page's ready request has been answered; when the page goes away (a hidden panel
 * without retained context), `reset()` waits for the next ready request.
 *
 * A page renders report data (paths, names, finding messages from the analysed files), so what
 * it posts is checked at this edge: the envelope, the method, and the params against the def's
 * run-time check. Anything else is logged as a warning and dropped: no handler runs, nothing
 * throws back into VS Code's message dispatch.
 */
import type * as vscode from 'vscode';
import {
  ipcEnvelope,
  ReadyRequest,
  type BootstrapState,
  type IpcCommandDef,
  type IpcCompletion,
  type IpcMessage,
  type IpcNotificationDef,
  type WebviewKind,
} from '../../protocol/protocol';

/** What HostIpc needs of a vscode.Webview (tests pass a fake). */
export type IpcWebview = Pick<vscode.Webview, 'onDidReceiveMessage' | 'postMessage'>;

interface Registered {
  readonly def: IpcCommandDef<unknown>;
  readonly handler: (params: unknown) => void | Promise<void>;
}

export class HostIpc implements vscode.Disposable {
  private ready = false;
  private next = 0;
  private readonly commands = new Map<string, Registered>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: IpcWebview,
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
    // The params reach the handler only after def.isParams accepted them (receive).
    this.commands.set(def.method, { def: def as IpcCommandDef<unknown>, handler: handler as (params: unknown) => void | Promise<void> });
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

  private async receive(raw: unknown): Promise<void> {
    let accepted: Accepted | string;
    try {
      accepted = this.accept(raw);
    } catch (e) {
      // A hostile object can throw from a proxy trap while it is checked; that is a rejection too.
      return this.reject(`a message that could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    if (typeof accepted === 'string') return this.reject(accepted);
    if (accepted.kind === 'ready') return this.answerReady(accepted.completionId);
    const { method, params, handler } = accepted;
    try {
      await handler(params);
    } catch (e) {
      this.log(`${this.kind} webview: ${method} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The message as something to act on, or why it is refused. */
  private accept(raw: unknown): Accepted | string {
    const envelope = ipcEnvelope(raw, 'message');
    if (envelope) return envelope;
    const msg = raw as IpcMessage;
    if (msg.method === ReadyRequest.method) {
      const params = msg.params;
      if (!ReadyRequest.isParams(params)) return `${ReadyRequest.method}: ${ReadyRequest.paramsProblem(params) ?? 'bad params'}`;
      if (!msg.completionId) return `${ReadyRequest.method}: message.completionId is missing`;
      if (params.webview !== this.kind) return `${ReadyRequest.method}: a ${params.webview} page in a ${this.kind} view`;
      return { kind: 'ready', completionId: msg.completionId };
    }
    const registered = this.commands.get(msg.method);
    if (!registered) return `unknown method ${JSON.stringify(msg.method.slice(0, 80))}`;
    const problem = registered.def.paramsProblem(msg.params);
    if (problem) return `${msg.method}: ${problem}`;
    return { kind: 'command', method: msg.method, params: msg.params, handler: registered.handler };
  }

  private reject(why: string): void {
    this.log(`${this.kind} webview: rejected ${why}`);
  }

  private async answerReady(completionId: string): Promise<void> {
    let answer: IpcCompletion<BootstrapState>;
    try {
      answer = { ok: true, result: await this.bootstrap() };
    } catch (e) {
      answer = { ok: false, error: `${ReadyRequest.method}: ${e instanceof Error ? e.message : String(e)}` };
    }
    try {
      await this.webview.postMessage({ ...this.message(ReadyRequest.completion, answer), completionId });
      this.ready = true;
    } catch (e) {
      // The panel was closed while the bootstrap ran.
      this.log(`${this.kind} webview: could not answer ${ReadyRequest.method}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private message<P>(method: string, params: P): IpcMessage<P> {
    return { id: `h${++this.next}`, method, params };
  }
}

type Accepted =
  | { readonly kind: 'ready'; readonly completionId: string }
  | { readonly kind: 'command'; readonly method: string; readonly params: unknown; readonly handler: (params: unknown) => void | Promise<void> };
