import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver/node';
import type { NotificationDef, RequestDef } from '../../protocol/protocol';

/**
 * Registers a handler for a custom request of protocol.ts: the params and result types come
 * from the definition (the library's own generic result type cannot be inferred for a
 * generic R, so the untyped string overload carries it).
 */
export function onRequest<P, R>(connection: Connection, def: RequestDef<P, R>, handler: (params: P, token: CancellationToken) => R | Promise<R>): Disposable {
  return connection.onRequest(def.method, (params: P, token: CancellationToken): Promise<unknown> => Promise.resolve(handler(params, token)));
}

/** Sends a custom notification of protocol.ts. */
export function sendNotification<P>(connection: Connection, def: NotificationDef<P>, params: P): Promise<void> {
  return connection.sendNotification(def.method, params);
}
