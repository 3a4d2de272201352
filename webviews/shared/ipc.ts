/**
 * The view side of the typed webview messages of protocol.ts (GitLens ipc shape): commands
 * and requests to the host, notifications from it. `ready()` performs the handshake: the host
 * posts nothing before it answers.
 */
import {
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

type Pending = { readonly resolve: (v: unknown) => void; readonly reject: (e: Error) => void; readonly timer: ReturnType<typeof setTimeout> };

export class ViewIpc {
  private next = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, (params: unknown) => void>();

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
      this.pending.set(completionId, { resolve: (v) => resolve(v as R), reject, timer });
      this.post(def.method, params, completionId);
    });
  }

  onNotification<P>(def: IpcNotificationDef<P>, handler: (params: P) => void): void {
    this.handlers.set(def.method, (p) => handler(p as P));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const msg = data as Partial<IpcMessage>;
    if (typeof msg.method !== 'string') return;
    if (msg.completionId !== undefined && msg.method.endsWith('/completion')) {
      const p = this.pending.get(msg.completionId);
      if (!p) return;
      this.pending.delete(msg.completionId);
      clearTimeout(p.timer);
      const c = msg.params as IpcCompletion<unknown>;
      if (c.ok) p.resolve(c.result);
      else p.reject(new Error(c.error));
      return;
    }
    this.handlers.get(msg.method)?.(msg.params);
  }

  private post(method: string, params: unknown, completionId?: string): void {
    const msg: IpcMessage = { id: this.id(), method, params, ...(completionId ? { completionId } : {}) };
    this.api.postMessage(msg);
  }

  private id(): string {
    return `v${++this.next}`;
  }
}

