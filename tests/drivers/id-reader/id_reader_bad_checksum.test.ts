import { describe, expect, it, vi } from 'vitest';
import { encodeCommand, scanFrames, toHex } from '../../../drivers/id-reader/codec';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { rig } from './rig';

describe('ID reader: frames with a wrong CHK', () => {
  it('retries once after a reply with a bad checksum and reads the card', async () => {
    const { driver, sim, received } = rig();
    sim.injectFault({ kind: 'bad-checksum' }, 1, { skip: 2 });
    const result = await driver.readCard();
    expect(result.ok && result.value.idNumber).toBe(testCards.resident.text.idNumber);
    // find, select, the corrupted read reply, then the good one after the retry.
    expect(received).toHaveLength(15 + 19 + 1295 + 1295);
    const corrupted = Uint8Array.from(received.slice(34, 34 + 1295));
    expect(scanFrames(corrupted).errors.map((e) => e.code)).toEqual(['bad-checksum', 'noise']);
  });

  it('a reader that keeps sending bad checksums fails fast with bad-response / bad-checksum', async () => {
    // A long timeout, so that "fails fast" and "waited for the timeout" cannot be confused.
    const { driver, sim, received } = rig({ driver: { timeouts: { findMs: 3000 } } });
    sim.injectFault({ kind: 'bad-checksum' });
    const started = performance.now();
    const result = await driver.findCard();
    expect(result).toMatchObject({ ok: false, reason: 'bad-response', link: 'bad-checksum' });
    expect(result.ok === false && result.message).toMatch(/checksum 68 where 97 was expected/);
    // Two tries, each answered at once: no waiting for the timeout.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(received).toHaveLength(30);
    expect(toHex(Uint8Array.from(received.slice(0, 15)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 68');
  });

  it('the simulated reader answers a host frame with a bad CHK with SW3 10, and the driver resends', async () => {
    const pair = createInProcessPipePair('chk');
    const sim = new IdReaderSimulator(pair.device);
    const replies: number[] = [];
    pair.host.onData((chunk) => replies.push(...chunk));
    const bad = encodeCommand(0x20, 0x01);
    bad[bad.length - 1] = 0x00;
    await pair.host.write(bad);
    await vi.waitFor(() => expect(replies).toHaveLength(11));
    expect(toHex(Uint8Array.from(replies))).toBe('AA AA AA 96 69 00 04 00 00 10 14');
    await sim.close();
  });

  it('SW3 10 from the reader (our command garbled) is retried once', async () => {
    const { driver, sim, received } = rig();
    sim.injectFault({ kind: 'result-code', sw3: 0x10 }, 1);
    expect(await driver.findCard()).toEqual({ ok: true, value: true });
    expect(received).toHaveLength(11 + 15);
    sim.injectFault({ kind: 'result-code', sw3: 0x10 });
    expect(await driver.findCard()).toMatchObject({ ok: false, reason: 'sam-error', sw3: 0x10, result: 'checksum-error' });
  });
});
