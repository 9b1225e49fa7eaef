import { WebSocket } from 'ws';
import { EventMessage, type RequestMessage, ResponseMessage } from '../api/contract';
import type { HostLink } from './ipc-bridge';

/**
 * The shell's connection to the host process over the loopback API socket. The host stays plain
 * Node (its native modules are built for Node, not Electron); the shell only relays.
 */
export function connectHostLink(origin: string, token: string): HostLink {
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;
  const pending = new Map<number, (message: ResponseMessage) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextId = 1;

  const open = (): Promise<WebSocket> => {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const url = `${origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(token)}`;
      const ws = new WebSocket(url, { origin });
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
        setTimeout(() => void open().catch(() => undefined), 1000);
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
      const ws = await open();
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
  };
}
