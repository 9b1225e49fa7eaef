import { describe, expect, it } from 'vitest';
import { SessionView } from '../../main/api/contract';
import { ApiError, type ApiClient, createClient, createContractChecker } from '../../renderer/src/api-client';
import { ContentGate } from '../../renderer/src/content-state';

/** A wire whose far end is the test: what the page sends is kept, what the host sends is pushed in. */
function fakeHost(): { readonly client: ApiClient; readonly sent: { id: number; command: string }[]; push(message: unknown): void } {
  const sent: { id: number; command: string }[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  const client = createClient((push, connected) => {
    deliver = push;
    queueMicrotask(() => connected(true));
    return { send: (message) => void sent.push(message as { id: number; command: string }) };
  });
  return { client, sent, push: (message) => deliver(message) };
}

const keypadView = (typed: number) => ({
  step: 'reissue-id-input',
  service: 'id-reissue',
  sessionId: 'session-1',
  txnId: 'txn-1',
  deadlineMs: 1_700_000_090_000,
  typed,
  echo: '110101'.slice(0, typed),
  problemKey: null,
  problemPart: null,
});
/** As the host sends it: a fresh object each time, as JSON.parse gives it. */
const fresh = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const event = (payload: unknown) => ({ kind: 'event', event: 'session', payload: fresh(payload) });

function listen(client: ApiClient): unknown[] {
  const seen: unknown[] = [];
  client.onEvent((name, payload) => name === 'session' && seen.push(payload));
  return seen;
}

describe('the screen API client', () => {
  it('gives an event and the reply with the same content as one and the same checked object', async () => {
    const host = fakeHost();
    const seen = listen(host.client);
    const reply = host.client.invoke('keypadInput', { key: '1' });
    host.push(event(keypadView(1)));
    host.push({ kind: 'response', id: host.sent[0]!.id, ok: true, result: fresh(keypadView(1)) });
    const answer = await reply;
    expect(seen).toHaveLength(1);
    expect(answer).toBe(seen[0]);
    expect(answer).toEqual(SessionView.parse(keypadView(1)));
    // Again, unchanged: the same object again; a change is a new one.
    host.push(event(keypadView(1)));
    host.push(event(keypadView(2)));
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[2]).toMatchObject({ typed: 2, echo: '11' });
  });

  it('still refuses a malformed or hostile view after a good one, and a reply of the wrong shape', async () => {
    const host = fakeHost();
    const seen = listen(host.client);
    host.push(event(keypadView(1)));
    host.push(event({ ...keypadView(1), typed: 99 }));
    host.push(event({ ...keypadView(1), step: 'drop-tables' }));
    host.push(event({ ...keypadView(1), problemKey: '<img src=x onerror=alert(1)>' }));
    host.push({ kind: 'event', event: '__proto__', payload: fresh(keypadView(1)) });
    host.push({ event: 'session', payload: fresh(keypadView(3)) });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    host.push({ kind: 'event', event: 'session', payload: { ...keypadView(1), echo: cyclic } });
    expect(seen).toHaveLength(1);
    const reply = host.client.invoke('keypadInput', { key: '1' });
    host.push({ kind: 'response', id: host.sent[0]!.id, ok: true, result: { ...keypadView(1), echo: 42 } });
    await expect(reply).rejects.toEqual(new ApiError('bad_reply', 'the host answered with an unexpected shape', 'errors.internal'));
  });

  it('checks content it has seen only against the same schema', () => {
    const check = createContractChecker();
    const good = keypadView(1);
    expect(check(SessionView, fresh(good)).success).toBe(true);
    // Accepted as a session view does not make it a kiosk view.
    const kiosk = SessionView.options.find((option) => option.shape.step.value === 'idle')!;
    expect(check(kiosk.strict(), fresh(good)).success).toBe(false);
  });
});

describe('ContentGate', () => {
  it('lets through only content that differs from the last taken', () => {
    const gate = new ContentGate({ step: 'idle' });
    expect(gate.changed({ step: 'idle' })).toBe(false);
    const first = keypadView(1);
    expect(gate.changed(first)).toBe(true);
    expect(gate.changed(first)).toBe(false);
    expect(gate.changed(fresh(first))).toBe(false);
    expect(gate.changed(keypadView(2))).toBe(true);
    // Back to what was shown two views ago is a change too.
    expect(gate.changed(fresh(first))).toBe(true);
  });
});
