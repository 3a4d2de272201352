/**
 * The view side of the typed webview messages of protocol.ts (GitLens ipc shape): commands
 * and requests to the host, notifications from it. `ready()` performs the handshake: the host
 * posts nothing before it answers. Host messages are checked like the host checks ours: an
 * unknown method or a wrong shape is ignored (with a console warning), so a handler only ever
 * sees params of its def's type; a malformed answer fails its request at once.
 */
import {
  ipcEnvelope,
  IPC_REQUEST_TIMEOUT_MS,
  ReadyRequest,
  type BootstrapState,
  type IpcCommandDef,
  type IpcCompletion,
  type IpcMessage,
  type IpcNotificationDef,
  type IpcRequestDef,
  type WebviewKind,
} from '../../protocol/protocol';
import type { VsCodeApi } from './vscodeApi';

type Pending = {
  readonly def: IpcRequestDef<unknown, unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
};
type Registered = { readonly def: IpcNotificationDef<unknown>; readonly handler: (params: unknown) => void };

export class ViewIpc {
  private next = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Registered>();

  constructor(
    private readonly api: Pick<VsCodeApi<unknown>, 'postMessage'>,
    target: Pick<Window, 'addEventListener'> = window,
    private readonly timeoutMs = IPC_REQUEST_TIMEOUT_MS,
  ) {
    target.addEventListener('message', (e: Event) => this.receive((e as MessageEvent).data));
  }

  /** The ready handshake: resolves with everything the view needs to draw. */
  ready(webview: WebviewKind): Promise<BootstrapState> {
    return this.request(ReadyRequest, { webview });
  }

  command<P>(def: IpcCommandDef<P>, params: P): void {
    this.post(def.method, params);
  }

  request<P, R>(def: IpcRequestDef<P, R>, params: P): Promise<R> {
    const completionId = this.id();
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(completionId);
        reject(new Error(`${def.method}: no answer from the extension within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      // The result reaches `resolve` only after def.completionProblem accepted it (receive).
      this.pending.set(completionId, { def: def as IpcRequestDef<unknown, unknown>, resolve: (v) => resolve(v as R), reject, timer });
      this.post(def.method, params, completionId);
    });
  }

  onNotification<P>(def: IpcNotificationDef<P>, handler: (params: P) => void): void {
    // Params reach the handler only after def.isParams accepted them (receive).
    this.handlers.set(def.method, { def: def as IpcNotificationDef<unknown>, handler: handler as (params: unknown) => void });
  }

  private receive(data: unknown): void {
    const bad = ipcEnvelope(data, 'message');
    if (bad) return ignore(bad);
    const msg = data as IpcMessage;
    if (msg.completionId !== undefined && msg.method.endsWith('/completion')) {
      const p = this.pending.get(msg.completionId);
      if (!p || msg.method !== p.def.completion) return ignore(`${msg.method}: no request waits for it`);
      this.pending.delete(msg.completionId);
      clearTimeout(p.timer);
      const problem = p.def.completionProblem(msg.params);
      if (problem) return p.reject(new Error(`${p.def.method}: malformed answer from the extension (${problem})`));
      const c = msg.params as IpcCompletion<unknown>;
      if (c.ok) p.resolve(c.result);
      else p.reject(new Error(c.error));
      return;
    }
    const registered = this.handlers.get(msg.method);
    if (!registered) return ignore(`unknown method ${msg.method}`);
    const problem = registered.def.paramsProblem(msg.params);
    if (problem) return ignore(`${msg.method}: ${problem}`);
    registered.handler(msg.params);
  }

  private post(method: string, params: unknown, completionId?: string): void {
    const msg: IpcMessage = { id: this.id(), method, params, ...(completionId ? { completionId } : {}) };
    this.api.postMessage(msg);
  }

  private id(): string {
    return `v${++this.next}`;
  }
}


function ignore(why: string): void {
  console.warn(`Model Diagnostics webview: ignored ${why}`);
}
