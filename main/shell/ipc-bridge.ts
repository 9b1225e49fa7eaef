import { type CommandName, commands, EventMessage, MAX_MESSAGE_BYTES, RequestMessage, type ResponseMessage } from '../api/contract';
import type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from './electron-types';
import { originOf } from './kiosk-origin';

export const REQUEST_CHANNEL = 'tongban:request';
export const EVENT_CHANNEL = 'tongban:event';

/** Where the shell forwards validated requests: the host, over its loopback connection. */
export interface HostLink {
  request(message: RequestMessage): Promise<ResponseMessage>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Reconnect to wherever the host now listens (after it restarted). */
  reconnect?(): void;
}

const refuse = (id: number, code: 'invalid_message' | 'unknown_command' | 'invalid_args' | 'internal', message: string): ResponseMessage => ({
  kind: 'response',
  id,
  ok: false,
  error: { code, message },
});

/**
 * Electron IPC transport of the screen API. Only our own page may call it (the sender frame's
 * origin is checked), and every message is validated against the same contract the host checks
 * again, so a compromised renderer gets typed refusals, never a crash. `observe` sees each valid
 * command (the heartbeat watchdog listens there).
 */
export function registerIpcBridge(
  ipcMain: IpcMainLike,
  host: HostLink,
  trustedOrigin: string,
  screens: () => WebContentsLike[],
  observe: (command: CommandName) => void = () => {},
): () => void {
  ipcMain.handle(REQUEST_CHANNEL, async (event: IpcMainInvokeEventLike, raw: unknown) => {
    const origin = originOf(event.senderFrame?.url ?? '');
    if (origin === '' || origin !== trustedOrigin) return refuse(-1, 'invalid_message', 'requests are accepted from the kiosk page only');
    let size: number;
    try {
      size = JSON.stringify(raw ?? null).length;
    } catch {
      // Cyclic or otherwise unserialisable: structured clone lets such values through IPC.
      return refuse(-1, 'invalid_message', 'not a request envelope');
    }
    if (size > MAX_MESSAGE_BYTES) return refuse(-1, 'invalid_message', 'message too large');
    const envelope = RequestMessage.safeParse(raw);
    if (!envelope.success) return refuse(-1, 'invalid_message', 'not a request envelope');
    const { id, command, args } = envelope.data;
    if (!Object.hasOwn(commands, command)) return refuse(id, 'unknown_command', `no command named ${JSON.stringify(command)}`);
    const checked = commands[command as keyof typeof commands].request.safeParse(args ?? {});
    if (!checked.success) return refuse(id, 'invalid_args', 'arguments do not match the contract');
    observe(command as CommandName);
    try {
      return await host.request(envelope.data);
    } catch {
      return refuse(id, 'internal', 'the host did not answer');
    }
  });
  const off = host.onEvent((message) => {
    const event = EventMessage.safeParse(message);
    if (!event.success) return;
    for (const contents of screens()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event.data);
  });
  return () => {
    off();
    ipcMain.removeHandler(REQUEST_CHANNEL);
  };
}
