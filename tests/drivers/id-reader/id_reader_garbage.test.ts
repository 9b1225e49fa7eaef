import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from '../../../drivers/id-reader/codec';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { FAST, onCleanup, rig } from './rig';

describe('ID reader: noise on the line', () => {
  it('random bytes instead of a reply time out as noise, typed, and the next read works', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const { driver, sim, received } = rig({ simulator: { random }, driver: { timeouts: FAST } });
    sim.injectFault({ kind: 'garbage' }, 1);
    const result = await driver.findCard();
    expect(result).toMatchObject({ ok: false, reason: 'timeout', link: 'noise' });
    // The garbage really arrived: at least 16 bytes, and none of it formed a frame.
    expect(received.length).toBeGreaterThanOrEqual(16);
    const read = await driver.readCard();
    expect(read.ok && read.value.idNumber).toBe(testCards.resident.text.idNumber);
  });

  it('finds the real reply behind leading noise and a stray half preamble', async () => {
    const pair = createInProcessPipePair('noisy', { maxChunk: 3 });
    pair.device.onData(() => {
      const reply = encodeResponse(0x9f, new Uint8Array(4));
      void pair.device.write(Uint8Array.from([0x00, 0xff, 0x13, 0xaa, 0xaa, 0x96, 0xaa, ...reply]));
    });
    const driver = new IdReaderDriver(async () => pair.host, { timeouts: FAST });
    onCleanup(() => driver.close());
    expect(await driver.findCard()).toEqual({ ok: true, value: true });
  });

  it('whatever bytes the reader sends, every call resolves to a typed result and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (chunks, withFrameLikeStart) => {
          const pair = createInProcessPipePair('fuzz');
          pair.device.onData(() => {
            for (const chunk of chunks) {
              // Half the time make it look like a frame so that the length and body paths are hit.
              const bytes = withFrameLikeStart ? Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, chunk.length, ...chunk]) : chunk;
              void pair.device.write(bytes);
            }
          });
          const driver = new IdReaderDriver(async () => pair.host, { timeouts: { findMs: 15, readMs: 15, readFingerprintMs: 15 } });
          try {
            for (const result of [await driver.readCard(), await driver.samId(), await driver.readCard({ withFingerprints: true })]) {
              if (!result.ok) {
                expect(['timeout', 'bad-response', 'no-card', 'select-failed', 'read-failed', 'sam-error', 'unknown-card-type']).toContain(result.reason);
                expect(typeof result.message).toBe('string');
              }
            }
          } finally {
            await driver.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
