import { describe, expect, it } from 'vitest';
import type { EventMessage, RequestMessage, ResponseMessage } from '../../main/api/contract';
import type { IpcMainInvokeEventLike, IpcMainLike } from '../../main/shell/electron-types';
import { EVENT_CHANNEL, type HostLink, REQUEST_CHANNEL, registerIpcBridge } from '../../main/shell/ipc-bridge';
import { KIOSK_ORIGIN } from '../../main/shell/kiosk-origin';
import { FakeWebContents } from './fake-electron';

type Listener = (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown;

function bridge(hostAnswer: (message: RequestMessage) => Promise<ResponseMessage> = async (m) => ({ kind: 'response', id: m.id, ok: true, result: { step: 'idle' } })) {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener as Listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const forwarded: RequestMessage[] = [];
  const eventListeners = new Set<(message: EventMessage) => void>();
  const host: HostLink = {
    request: (message) => {
      forwarded.push(message);
      return hostAnswer(message);
    },
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };
  const screen = new FakeWebContents();
  const observed: string[] = [];
  const off = registerIpcBridge(ipcMain, host, KIOSK_ORIGIN, () => [screen], (command) => observed.push(command));
  const call = async (raw: unknown, frameUrl: string | null = 'app://kiosk/index.html') => {
    const listener = handlers.get(REQUEST_CHANNEL);
    if (!listener) throw new Error('no handler');
    return (await listener({ senderFrame: frameUrl === null ? null : { url: frameUrl }, sender: screen }, raw)) as ResponseMessage;
  };
  return { call, forwarded, observed, screen, handlers, off, emit: (m: EventMessage) => eventListeners.forEach((l) => l(m)) };
}

const request = (command: string, args: unknown = {}, id = 1) => ({ kind: 'request', id, command, args });

describe('IPC bridge', () => {
  it('forwards a valid request from the kiosk page to the host and reports it to the observer', async () => {
    const { call, forwarded, observed } = bridge();
    const answer = await call(request('getSession'));
    expect(answer).toEqual({ kind: 'response', id: 1, ok: true, result: { step: 'idle' } });
    expect(forwarded).toHaveLength(1);
    await call(request('heartbeat', { at: 5 }, 2));
    expect(observed).toEqual(['getSession', 'heartbeat']);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a look-alike host', 'app://kiosk.evil/'],
    ['a file page', 'file:///tmp/x.html'],
    ['the loopback UI server', 'http://127.0.0.1:8787/'],
    ['no frame at all', null],
    ['garbage', 'not a url'],
  ])('refuses a request from %s without asking the host', async (_name, frameUrl) => {
    const { call, forwarded } = bridge();
    const answer = await call(request('getSession'), frameUrl);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(forwarded).toEqual([]);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'getSession'],
    ['an array', [1, 2]],
    ['a wrong kind', { kind: 'response', id: 1, command: 'getSession' }],
    ['a negative id', { kind: 'request', id: -1, command: 'getSession', args: {} }],
    ['a fractional id', { kind: 'request', id: 1.5, command: 'getSession', args: {} }],
    ['an overlong command name', { kind: 'request', id: 1, command: 'x'.repeat(65), args: {} }],
  ])('refuses %s as a typed invalid_message', async (_name, raw) => {
    const { call, forwarded } = bridge();
    expect(await call(raw)).toMatchObject({ kind: 'response', ok: false, error: { code: 'invalid_message' } });
    expect(forwarded).toEqual([]);
  });

  it('refuses a huge message before parsing it', async () => {
    const { call, forwarded } = bridge();
    const answer = await call(request('heartbeat', { at: 1, padding: 'x'.repeat(100_000) }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_message', message: 'message too large' } });
    expect(forwarded).toEqual([]);
  });

  it('refuses a cyclic message without throwing', async () => {
    const { call } = bridge();
    const cyclic: Record<string, unknown> = { kind: 'request', id: 1, command: 'getSession' };
    cyclic.args = cyclic;
    expect(await call(cyclic)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });

  it('refuses unknown commands, including prototype names', async () => {
    const { call, forwarded } = bridge();
    for (const command of ['formatDisk', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await call(request(command, {}, 9))).toMatchObject({ id: 9, ok: false, error: { code: 'unknown_command' } });
    }
    expect(forwarded).toEqual([]);
  });

  it('refuses arguments that do not match the contract', async () => {
    const { call, forwarded } = bridge();
    expect(await call(request('startService', { service: 'rm -rf /' }, 3))).toMatchObject({ id: 3, ok: false, error: { code: 'invalid_args' } });
    expect(await call(request('getSession', { extra: true }, 4))).toMatchObject({ id: 4, ok: false, error: { code: 'invalid_args' } });
    expect(await call(request('heartbeat', { at: 'now' }, 5))).toMatchObject({ id: 5, ok: false, error: { code: 'invalid_args' } });
    expect(forwarded).toEqual([]);
  });

  it('answers with a typed refusal when the host link fails', async () => {
    const { call } = bridge(() => Promise.reject(new Error('socket closed')));
    expect(await call(request('getSession', {}, 7))).toMatchObject({ id: 7, ok: false, error: { code: 'internal' } });
  });

  it('relays host events to the screen and drops malformed ones', () => {
    const { emit, screen } = bridge();
    emit({ kind: 'event', event: 'session', payload: { step: 'idle' } });
    emit({ kind: 'nonsense' } as unknown as EventMessage);
    expect(screen.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ kind: 'event', event: 'session', payload: { step: 'idle' } }] }]);
    screen.destroyed = true;
    emit({ kind: 'event', event: 'session', payload: { step: 'idle' } });
    expect(screen.sent).toHaveLength(1);
  });

  it('unregisters its handler', () => {
    const { handlers, off } = bridge();
    off();
    expect(handlers.has(REQUEST_CHANNEL)).toBe(false);
  });
});
