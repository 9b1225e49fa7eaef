import { WebSocket } from 'ws';
import { EventMessage, type RequestMessage, ResponseMessage } from '../api/contract';
import type { HostLink } from './ipc-bridge';

/** Where the host's API socket is: its loopback origin and the per-boot token. */
export interface HostEndpoint {
  readonly origin: string;
  readonly token: string;
}

/**
 * The shell's connection to the host process over the loopback API socket. The host stays plain
 * Node; the shell only relays. The endpoint is read at every (re)connection, because a host that
 * was restarted comes back with a new port and token.
 */
export function connectHostLink(endpoint: HostEndpoint | (() => HostEndpoint | null)): HostLink {
  const current = typeof endpoint === 'function' ? endpoint : () => endpoint;
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;
  const pending = new Map<number, (message: ResponseMessage) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextId = 1;

  const open = (): Promise<WebSocket> => {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const target = current();
      if (!target) {
        opening = undefined;
        reject(new Error('the host has not started yet'));
        return;
      }
      const url = `${target.origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(target.token)}`;
      const ws = new WebSocket(url, { origin: target.origin });
      ws.on('open', () => {
        socket = ws;
        opening = undefined;
        resolve(ws);
      });
      ws.on('message', (data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString());
        } catch {
          return;
        }
        const response = ResponseMessage.safeParse(parsed);
        if (response.success) {
          pending.get(response.data.id)?.(response.data);
          pending.delete(response.data.id);
          return;
        }
        const event = EventMessage.safeParse(parsed);
        if (event.success) for (const listener of listeners) listener(event.data);
      });
      ws.on('close', () => {
        if (socket === ws) socket = undefined;
        opening = undefined;
        for (const [id, resolvePending] of pending) {
          resolvePending({ kind: 'response', id, ok: false, error: { code: 'internal', message: 'host connection lost', messageKey: 'errors.connectionLost' } });
        }
        pending.clear();
        // Events must keep flowing to the screen after the host restarts.
        setTimeout(() => void open().catch(() => undefined), 1000).unref();
      });
      ws.on('error', (error) => {
        opening = undefined;
        reject(error);
      });
    });
    return opening;
  };
  void open().catch(() => undefined);

  return {
    async request(message: RequestMessage): Promise<ResponseMessage> {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch {
        return { kind: 'response', id: message.id, ok: false, error: { code: 'internal', message: 'host not reachable', messageKey: 'errors.connectionLost' } };
      }
      // The renderer's ids may collide across windows: the link uses its own.
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, (response) => resolve({ ...response, id: message.id }));
        ws.send(JSON.stringify({ ...message, id }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnect() {
      // The host moved (restarted): drop the old socket; the next request opens the new one.
      socket?.terminate();
      socket = undefined;
      opening = undefined;
      void open().catch(() => undefined);
    },
  };
}
