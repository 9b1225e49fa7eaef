/**
 * "Are you still there?" and elderly mode on the real host, on a manual clock: a step's time limit
 * runs out exactly when it should, "continue" starts it again once per prompt and only in its last
 * seconds, elderly mode lengthens it, and commands at the wrong time are refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { ResponseMessage, SessionView } from '../../main/api/contract';
import { DEADLINE_WARNING_MS } from '../../main/api/idle-contract';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { ManualClock } from '../support/manual-clock';

const STEP_S = 60;
let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(elderlyTimeFactor?: number): Promise<{ host: Host; clock: ManualClock }> {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 3, 0, 0));
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'idle-')),
    config: simulatorConfig({
      sync: { heartbeatIntervalS: 3600, intervalMs: 200 },
      ui: { stepTimeoutS: STEP_S, ...(elderlyTimeFactor ? { elderlyTimeFactor } : {}) },
      devices: { idReader: { transport: 'simulator', card: 'resident' } },
    }),
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    camera: new SimulatedCamera(),
    clock,
  });
  hosts.push(host);
  return { host, clock };
}

const call = (h: Host, command: string, args: object = {}): Promise<ResponseMessage> => h.api.handle({ kind: 'request', id: 1, command, args });
const deadlineOf = (view: SessionView): number => {
  if (!('deadlineMs' in view)) throw new Error(`step ${view.step} has no deadline`);
  return view.deadlineMs;
};
const refusedNotNow = { ok: false, error: { code: 'refused', messageKey: 'errors.notNow' } };

async function startQuery(h: Host, elderly?: boolean): Promise<SessionView> {
  const args = elderly === undefined ? { service: 'progress-query' } : { service: 'progress-query', elderly };
  expect(await call(h, 'startService', args)).toMatchObject({ ok: true, result: { step: 'query-choose-method' } });
  return h.sessions.view;
}

describe('step time limits, "are you still there?" and elderly mode', () => {
  it('a step times out at its deadline; in elderly mode 1.5 times later', async () => {
    const { host, clock } = await start();
    const plain = await startQuery(host);
    expect(plain).toMatchObject({ elderly: false, deadlineExtendable: true });
    expect(deadlineOf(plain) - clock.now()).toBe(STEP_S * 1000);
    clock.advance(STEP_S * 1000 - 1);
    expect(host.sessions.view.step).toBe('query-choose-method');
    clock.advance(1);
    expect(host.sessions.view.step).not.toBe('query-choose-method');
    host.sessions.end('test: next citizen');

    const elderly = await startQuery(host, true);
    expect(elderly).toMatchObject({ elderly: true });
    expect(deadlineOf(elderly) - clock.now()).toBe(STEP_S * 1500);
    clock.advance(STEP_S * 1000);
    expect(host.sessions.view.step).toBe('query-choose-method');
    clock.advance(STEP_S * 500 - 1);
    expect(host.sessions.view.step).toBe('query-choose-method');
    clock.advance(1);
    expect(host.sessions.view.step).not.toBe('query-choose-method');
  });

  it('the factor comes from the configuration, and the flag stays for the whole session and ends with it', async () => {
    const { host, clock } = await start(2);
    await startQuery(host, true);
    expect(deadlineOf(host.sessions.view) - clock.now()).toBe(STEP_S * 2000);
    // The next step (the keypad, twice the step time) is lengthened too, and still says elderly.
    expect(await call(host, 'chooseOption', { index: 1 })).toMatchObject({ ok: true, result: { step: 'query-input', elderly: true } });
    expect(deadlineOf(host.sessions.view) - clock.now()).toBe(STEP_S * 2 * 2000);
    expect(await call(host, 'cancelSession')).toMatchObject({ ok: true });
    await expect.poll(() => host.sessions.view.step).toBe('idle');
    const next = await startQuery(host);
    expect(next).toMatchObject({ elderly: false });
    expect(deadlineOf(next) - clock.now()).toBe(STEP_S * 1000);
  });

  it('"continue" extends only in the last seconds, once per prompt, and the step then times out a full limit later', async () => {
    const { host, clock } = await start();
    const first = deadlineOf(await startQuery(host));
    // Too early: the prompt is not up yet.
    clock.advance(STEP_S * 1000 - DEADLINE_WARNING_MS - 1000);
    expect(await call(host, 'extendDeadline', { deadlineMs: first })).toMatchObject(refusedNotNow);
    clock.advance(2000);
    const extended = await call(host, 'extendDeadline', { deadlineMs: first });
    expect(extended).toMatchObject({ ok: true, result: { step: 'query-choose-method' } });
    const second = deadlineOf(host.sessions.view);
    expect(second - clock.now()).toBe(STEP_S * 1000);
    // A second tap on the same prompt, and a "continue" for the new deadline long before its end: refused.
    expect(await call(host, 'extendDeadline', { deadlineMs: first })).toMatchObject(refusedNotNow);
    expect(await call(host, 'extendDeadline', { deadlineMs: second })).toMatchObject(refusedNotNow);
    expect(deadlineOf(host.sessions.view)).toBe(second);
    clock.advance(STEP_S * 1000 - 1);
    expect(host.sessions.view.step).toBe('query-choose-method');
    // The next prompt can be answered again.
    expect(await call(host, 'extendDeadline', { deadlineMs: second })).toMatchObject({ ok: true });
    clock.advance(STEP_S * 1000 - 1);
    expect(host.sessions.view.step).toBe('query-choose-method');
    clock.advance(1);
    expect(host.sessions.view.step).not.toBe('query-choose-method');
  });

  it('refuses "continue" and elderly at the wrong time and hostile arguments', async () => {
    const { host, clock } = await start();
    // No session: nothing to extend, nothing to switch.
    expect(await call(host, 'extendDeadline', { deadlineMs: clock.now() + 5000 })).toMatchObject(refusedNotNow);
    expect(await call(host, 'setElderly', { on: true })).toMatchObject(refusedNotNow);
    for (const args of [{}, { deadlineMs: -1 }, { deadlineMs: 1.5 }, { deadlineMs: '1' }, { deadlineMs: 1, extra: true }]) {
      expect(await call(host, 'extendDeadline', args)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    }
    expect(await call(host, 'setElderly', { on: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(host, 'startService', { service: 'progress-query', elderly: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });

    // After the deadline passed (the step is gone), the old prompt's "continue" does nothing.
    const first = deadlineOf(await startQuery(host));
    clock.advance(STEP_S * 1000);
    expect(await call(host, 'extendDeadline', { deadlineMs: first })).toMatchObject({ ok: false });
    host.sessions.end('test: next citizen');

    // Elderly switched on at the first step: the step's limit starts again, lengthened.
    await startQuery(host);
    clock.advance(10_000);
    expect(await call(host, 'setElderly', { on: true })).toMatchObject({ ok: true, result: { elderly: true } });
    expect(deadlineOf(host.sessions.view) - clock.now()).toBe(STEP_S * 1500);
    // Past the first step it stays as it is.
    expect(await call(host, 'chooseOption', { index: 1 })).toMatchObject({ ok: true, result: { step: 'query-input' } });
    expect(await call(host, 'setElderly', { on: false })).toMatchObject(refusedNotNow);
    expect(host.sessions.view).toMatchObject({ elderly: true });
  });

  it("a deadline a device sets (the slot waiting for the permit) is not extended; elderly mode lengthens it, and the slot's own wait with it", async () => {
    for (const elderly of [false, true]) {
      const { host, clock } = await start();
      const takePermit = vi.spyOn(host.devices.certificateUnit, 'takePermit');
      expect(await call(host, 'startService', { service: 'hk-macau-endorsement', elderly })).toMatchObject({ ok: true, result: { step: 'insert-permit', elderly } });
      const view = host.sessions.view;
      const spanMs = STEP_S * 1000 * (elderly ? 1.5 : 1);
      expect(view).toMatchObject({ deadlineExtendable: false });
      expect(deadlineOf(view) - clock.now()).toBe(spanMs);
      // The slot waits as long as the screen's countdown says: the permit is not refused early.
      await vi.waitFor(() => expect(takePermit).toHaveBeenCalledWith(expect.objectContaining({ timeoutMs: spanMs })), { timeout: 10_000, interval: 50 });
      clock.advance(spanMs - 5000);
      expect(await call(host, 'extendDeadline', { deadlineMs: deadlineOf(view) })).toMatchObject(refusedNotNow);
    }
  });

  it('an end screen (the query answer) is not extendable: its time limit only closes the finished session', async () => {
    const { host, clock } = await start();
    await startQuery(host);
    expect(await call(host, 'chooseOption', { index: 0 })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(host.sessions.view.step).toBe('query-results'), { timeout: 10_000, interval: 50 });
    const view = host.sessions.view;
    expect(view).toMatchObject({ deadlineExtendable: false });
    clock.advance(deadlineOf(view) - clock.now() - 5000);
    expect(await call(host, 'extendDeadline', { deadlineMs: deadlineOf(view) })).toMatchObject(refusedNotNow);
  });
});
