/**
 * The screen's side of the API. In Electron the preload exposes `window.tongban`; in browser mode
 * the page talks to the host over a loopback WebSocket with the per-boot token from the URL
 * fragment. Either way the same envelopes from main/api/contract.ts travel.
 */
import {
  type CommandArgs,
  type CommandName,
  type CommandResult,
  commands,
  type EventName,
  EventMessage,
  events,
  ResponseMessage,
} from '../../main/api/contract';
import type { z } from 'zod';

/** What the Electron preload exposes (main/shell/preload.ts). */
export interface PreloadBridge {
  request(message: unknown): Promise<unknown>;
  onEvent(listener: (message: unknown) => void): () => void;
}

declare global {
  interface Window {
    tongban?: PreloadBridge;
  }
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly messageKey: string,
  ) {
    super(message);
  }
}

type EventListener = (event: EventName, payload: unknown) => void;
type ConnectionListener = (connected: boolean) => void;

export interface ApiClient {
  invoke<K extends CommandName>(command: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  onEvent(listener: EventListener): () => void;
  onConnection(listener: ConnectionListener): () => void;
}

export interface Wire {
  send(message: unknown): void;
}

type Checked = { readonly success: true; readonly data: unknown } | { readonly success: false };

/**
 * Checks what the host sent against the contract, every message. The host sends the same content
 * again and again (a tap's answer comes as the session event and then as the command's reply, the
 * kiosk view at each device report): content identical to the last one this schema accepted is
 * that same, already checked view, given back as the same object, so it is not parsed again and
 * the screen can see at once that nothing changed. Anything else, hostile or broken, is parsed.
 */
export function createContractChecker(): (schema: z.ZodType, raw: unknown) => Checked {
  const lastAccepted = new WeakMap<z.ZodType, { readonly json: string; readonly data: unknown }>();
  return (schema, raw) => {
    let json: string | undefined;
    try {
      json = JSON.stringify(raw);
    } catch {
      // Not JSON at all (a cycle, a BigInt): the schema refuses it below.
    }
    const last = lastAccepted.get(schema);
    if (json !== undefined && last?.json === json) return { success: true, data: last.data };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { success: false };
    if (json !== undefined) lastAccepted.set(schema, { json, data: parsed.data });
    return { success: true, data: parsed.data };
  };
}

export function createClient(connect: (deliver: (message: unknown) => void, connected: (up: boolean) => void) => Wire): ApiClient {
  let nextId = 1;
  const check = createContractChecker();
  const pending = new Map<number, { resolve: (m: ResponseMessage) => void; reject: (e: Error) => void }>();
  const eventListeners = new Set<EventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const deliver = (raw: unknown) => {
    // The envelope's kind picks the one schema to check it with (a failed parse costs more than a good one).
    const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
    if (kind === 'response') {
      const response = ResponseMessage.safeParse(raw);
      if (!response.success) return;
      pending.get(response.data.id)?.resolve(response.data);
      pending.delete(response.data.id);
      return;
    }
    if (kind !== 'event') return;
    const event = EventMessage.safeParse(raw);
    if (event.success && Object.hasOwn(events, event.data.event)) {
      const name = event.data.event as EventName;
      const payload = check(events[name], event.data.payload);
      if (payload.success) for (const listener of eventListeners) listener(name, payload.data);
    }
  };
  let isConnected = false;
  const wire = connect(deliver, (up) => {
    isConnected = up;
    if (!up) {
      for (const entry of pending.values()) entry.reject(new ApiError('disconnected', 'host connection lost', 'errors.connectionLost'));
      pending.clear();
    }
    for (const listener of connectionListeners) listener(up);
  });
  return {
    invoke(command, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: (message) => {
            if (!message.ok) return reject(new ApiError(message.error.code, message.error.message, message.error.messageKey ?? 'errors.internal'));
            const result = check(commands[command].response, message.result);
            if (result.success) resolve(result.data as CommandResult<typeof command>);
            else reject(new ApiError('bad_reply', 'the host answered with an unexpected shape', 'errors.internal'));
          },
          reject,
        });
        wire.send({ kind: 'request', id, command, args });
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      // The link may have come up before anyone listened: tell a late listener at once.
      if (isConnected) queueMicrotask(() => connectionListeners.has(listener) && listener(true));
      return () => connectionListeners.delete(listener);
    },
  };
}

function electronWire(bridge: PreloadBridge): Parameters<typeof createClient>[0] {
  return (deliver, connected) => {
    bridge.onEvent(deliver);
    queueMicrotask(() => connected(true));
    return { send: (message) => void bridge.request(message).then(deliver, () => connected(false)) };
  };
}

/** WebSocket with automatic reconnection: the host may restart while the screen stays up. */
function webSocketWire(url: string): Parameters<typeof createClient>[0] {
  return (deliver, connected) => {
    let socket: WebSocket | undefined;
    let queue: string[] = [];
    let delay = 250;
    const open = () => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        delay = 250;
        for (const text of queue) ws.send(text);
        queue = [];
        connected(true);
      };
      ws.onmessage = (event) => {
        try {
          deliver(JSON.parse(String(event.data)));
        } catch {
          // A message that is not JSON is ignored; the host never sends one.
        }
      };
      ws.onclose = () => {
        connected(false);
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 5000);
      };
    };
    open();
    return {
      send(message) {
        const text = JSON.stringify(message);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      },
    };
  };
}

export function connectToHost(): ApiClient {
  if (window.tongban) return createClient(electronWire(window.tongban));
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return createClient(webSocketWire(url));
}
