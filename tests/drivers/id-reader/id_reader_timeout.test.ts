import { describe, expect, it } from 'vitest';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { FAST, rig, sleep } from './rig';

describe('ID reader: a reader that does not answer', () => {
  it('times out a silent find with a typed failure, within the injected timeout, and goes offline', async () => {
    const { driver, sim } = rig({ driver: { timeouts: FAST } });
    expect(await driver.findCard()).toEqual({ ok: true, value: true });
    expect(driver.status.status).toBe('online');
    sim.injectFault({ kind: 'silence' });
    const started = performance.now();
    const result = await driver.readCard();
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.ok === false && result.message).toMatch(/no complete reply to findCard within 80 ms/);
    expect(result.ok === false && result.link).toBeUndefined();
    // Timed out on the injected 80 ms, not a default of seconds; 'no hang' is the upper bound.
    expect(elapsed).toBeGreaterThanOrEqual(FAST.findMs - 5);
    expect(elapsed).toBeLessThan(2000);
    expect(driver.status).toMatchObject({ status: 'offline', card: 'unknown' });
  });

  it('times out a read that never comes after a good find and select', async () => {
    const { driver, sim } = rig({ driver: { timeouts: FAST } });
    sim.injectFault({ kind: 'silence' }, 1, { skip: 2 });
    const started = performance.now();
    const result = await driver.readCard();
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.ok === false && result.message).toMatch(/readTextPhoto within 150 ms/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(FAST.readMs - 5);
    // The fault was one-shot: the reader answers again.
    const again = await driver.readCard();
    expect(again.ok && again.value.idNumber).toBe(testCards.resident.text.idNumber);
  });

  it('a slow reply inside the timeout still reads; one beyond it times out', async () => {
    const { driver, sim } = rig({ driver: { timeouts: FAST } });
    sim.setDelay(30);
    const slow = await driver.readCard();
    expect(slow.ok && slow.value.name).toBe(testCards.resident.text.name);
    sim.setDelay(FAST.findMs + 60);
    expect(await driver.findCard()).toMatchObject({ ok: false, reason: 'timeout' });
    // The late reply arrives after the timeout and must not be taken as the next answer.
    sim.setDelay(0);
    await sleep(FAST.findMs + 80);
    expect(await driver.findCard()).toEqual({ ok: true, value: true });
  });

  it('waitForCard keeps polling through silence and stops on abort with cancelled', async () => {
    const { driver, sim } = rig({ simulator: { card: null }, driver: { timeouts: FAST } });
    sim.injectFault({ kind: 'silence' });
    const controller = new AbortController();
    const waiting = driver.waitForCard({ signal: controller.signal, pollIntervalMs: 5 });
    await sleep(FAST.findMs * 2 + 20);
    controller.abort();
    expect(await waiting).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('waitForCard returns once a card is placed on a reader that came back', async () => {
    const { driver, sim } = rig({ simulator: { card: null }, driver: { timeouts: FAST } });
    sim.injectFault({ kind: 'silence' }, 1);
    const waiting = driver.waitForCard({ pollIntervalMs: 5 });
    await sleep(FAST.findMs + 30);
    sim.placeCard('foreign-2017');
    expect(await waiting).toEqual({ ok: true, value: true });
    expect(driver.status).toMatchObject({ status: 'online', card: 'present' });
  });
});
