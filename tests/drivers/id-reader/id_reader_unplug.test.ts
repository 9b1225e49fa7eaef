import { describe, expect, it } from 'vitest';
import type { IdReaderStatus } from '../../../drivers/id-reader/types';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { rig, sleep } from './rig';

describe('ID reader: unplugged and plugged back', () => {
  it('goes offline with an event when the cable is pulled, and reads again through the opener after replug', async () => {
    const r = rig();
    const events: IdReaderStatus[] = [];
    r.driver.onStatusChange((status) => events.push(status));
    expect(await r.driver.findCard()).toEqual({ ok: true, value: true });
    expect(r.driver.status).toMatchObject({ status: 'online', card: 'present' });

    r.sim.disconnect();
    expect(r.links[0]!.isOpen).toBe(false);
    expect(r.sim.state.connected).toBe(false);
    expect(r.driver.status).toMatchObject({ status: 'offline', card: 'unknown' });
    expect(r.driver.status.detail).toMatch(/disconnected/);
    expect(events.at(-1)).toMatchObject({ status: 'offline' });

    // While the port is gone, the opener fails: offline, typed, with the reason.
    r.unplugged = true;
    expect(await r.driver.readCard()).toMatchObject({ ok: false, reason: 'offline', message: expect.stringMatching(/ENOENT/) });
    expect(r.links).toHaveLength(1);

    r.unplugged = false;
    const read = await r.driver.readCard();
    expect(read.ok && read.value.idNumber).toBe(testCards.resident.text.idNumber);
    expect(r.links).toHaveLength(2);
    expect(r.sim.state.connected).toBe(true);
    // The listener also fires when only the card changes; the status transitions are what matter.
    const transitions = events.map((e) => e.status).filter((status, i, all) => i === 0 || all[i - 1] !== status);
    expect(transitions).toEqual(['online', 'offline', 'online']);
    expect(events.at(-1)).toMatchObject({ status: 'online', card: 'present' });
  });

  it('a read in flight when the cable is pulled ends at once as offline, not after the timeout', async () => {
    const r = rig({ simulator: { delayMs: 40 }, driver: { timeouts: { findMs: 2000, readMs: 2000 } } });
    const reading = r.driver.readCard();
    await sleep(10);
    const started = performance.now();
    r.sim.disconnect();
    expect(await reading).toMatchObject({ ok: false, reason: 'offline' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('after close() the driver answers offline and does not reopen the port', async () => {
    const r = rig();
    expect((await r.driver.findCard()).ok).toBe(true);
    await r.driver.close();
    expect(await r.driver.findCard()).toMatchObject({ ok: false, reason: 'offline', message: 'the driver is closed' });
    expect(r.links).toHaveLength(1);
  });
});
