import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { type EventMessage, MAX_MESSAGE_BYTES } from '../../api/contract';
import type { Logger } from '../log';
import type { ApiDispatcher } from './dispatcher';

export interface WsTransportOptions {
  readonly server: Server;
  readonly api: ApiDispatcher;
  /** The per-boot token; a connection without it is refused. */
  readonly token: string;
  /** Origins allowed to connect: the host's own page only. */
  readonly allowedOrigins: () => readonly string[];
  readonly log: Logger;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode's transport: the screen API over a loopback WebSocket at `/api`. Only a page of
 * our own origin that knows the per-boot token may connect; each message is parsed and
 * dispatched through the same ApiDispatcher as Electron IPC.
 */
export function attachWsTransport(options: WsTransportOptions): { close(): Promise<void>; clients(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  options.server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    if (url.pathname !== '/api' || !tokenMatches(url.searchParams.get('token'), options.token) || !options.allowedOrigins().includes(origin)) {
      options.log.warn({ path: url.pathname, origin }, 'refused a screen connection without a valid token or origin');
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    options.log.info({ clients: wss.clients.size }, 'screen connected');
    ws.on('close', () => options.log.info({ clients: wss.clients.size }, 'screen disconnected'));
    ws.on('error', (error) => options.log.warn({ err: error }, 'screen connection error'));
    ws.on('message', async (data, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        parsed = undefined;
      }
      const reply = await options.api.handle(parsed);
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
    });
  });

  const unsubscribe = options.api.onEvent((event, payload) => {
    const message: EventMessage = { kind: 'event', event, payload };
    const text = JSON.stringify(message);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  });

  return {
    clients: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
