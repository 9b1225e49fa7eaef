import { describe, expect, it } from 'vitest';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { base64, FAST, rig } from './rig';

describe('ID reader: replies cut short or trickling in', () => {
  it('a read reply cut in half, then silence, times out cleanly with a typed partial-frame failure', async () => {
    const { driver, sim, received } = rig({ driver: { timeouts: FAST } });
    // find and select answer whole; the read reply stops after half of its 1295 bytes.
    sim.injectFault({ kind: 'partial-frame' }, 1, { skip: 2 });
    const started = performance.now();
    const result = await driver.readCard();
    expect(result).toMatchObject({ ok: false, reason: 'timeout', link: 'partial-frame' });
    expect(result.ok === false && result.message).toMatch(/648 bytes of an unfinished frame/);
    expect(performance.now() - started).toBeLessThan(2000);
    // 15 (find) + 19 (select) + 648 (half of 1295) bytes crossed the wire.
    expect(received).toHaveLength(15 + 19 + 648);
    expect(driver.status.status).toBe('offline');
    // The leftover half frame does not poison the next command.
    const again = await driver.readCard();
    expect(again.ok && again.value.photoWlt).toBe(base64(testCards.resident.photoWlt));
    expect(driver.status.status).toBe('online');
  });

  it('a find reply cut in half times out on the find timeout', async () => {
    const { driver, sim } = rig({ driver: { timeouts: FAST } });
    sim.injectFault({ kind: 'partial-frame' }, 1);
    const result = await driver.findCard();
    expect(result).toMatchObject({ ok: false, reason: 'timeout', link: 'partial-frame' });
    expect(result.ok === false && result.message).toMatch(new RegExp(`findCard within ${FAST.findMs} ms \\(8 bytes`));
  });

  it('reads a card delivered one byte at a time, text, photo and fingerprints intact', async () => {
    const { driver, received } = rig({ maxChunk: 1, driver: { timeouts: { readFingerprintMs: 2000, readMs: 2000 } } });
    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value).toMatchObject({
      ...testCards.resident.text,
      photoWlt: base64(testCards.resident.photoWlt),
      fingerprints: base64(testCards.resident.fingerprints),
    });
    expect(received).toHaveLength(15 + 19 + 2321);
  });
});
