import { afterEach, describe, expect, it } from 'vitest';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { createInProcessPipePair, type InProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';

const fast = { timeouts: { findMs: 60, readMs: 120, readFingerprintMs: 150 } };
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

function rig(maxChunk?: number) {
  const pairs: InProcessPipePair[] = [];
  let simulator: IdReaderSimulator | undefined;
  const driver = new IdReaderDriver(async () => {
    const pair = createInProcessPipePair('id-reader', maxChunk ? { maxChunk } : {});
    pairs.push(pair);
    simulator = new IdReaderSimulator(pair.device, { card: simulator?.state.card ?? 'resident' });
    return pair.host;
  }, fast);
  cleanup.push(() => driver.close());
  return { driver, sim: () => simulator!, pairs };
}

describe('ID reader driver against the simulator', () => {
  it('reads a resident card delivered one byte at a time', async () => {
    const { driver } = rig(1);
    const result = await driver.readCard();
    expect(result.ok && result.value).toMatchObject({
      ...testCards.resident.text,
      photoWlt: Buffer.from(testCards.resident.photoWlt).toString('base64'),
      fingerprints: null,
    });
    expect(driver.status.status).toBe('online');
  });

  it('reads fingerprints when asked', async () => {
    const { driver } = rig();
    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value.fingerprints).toBe(Buffer.from(testCards.resident.fingerprints).toString('base64'));
  });

  it('says no-card when the reader is empty', async () => {
    const { driver, sim } = rig();
    await driver.findCard();
    sim().removeCard();
    const result = await driver.readCard();
    expect(result).toMatchObject({ ok: false, reason: 'no-card', sw3: 0x80 });
  });

  it('times out on a silent reader and reports offline', async () => {
    const { driver, sim } = rig();
    await driver.findCard();
    sim().injectFault({ kind: 'silence' });
    const result = await driver.readCard();
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(driver.status.status).toBe('offline');
  });

  it('reconnects through the opener after the pipe is severed', async () => {
    const { driver, pairs } = rig();
    const changes: string[] = [];
    // The listener also fires on card changes; only the status transitions matter here.
    driver.onStatusChange((s) => {
      if (changes.at(-1) !== s.status) changes.push(s.status);
    });
    expect((await driver.findCard()).ok).toBe(true);
    pairs[0]!.host.sever();
    expect(driver.status.status).toBe('offline');
    const again = await driver.readCard();
    expect(again.ok).toBe(true);
    expect(pairs).toHaveLength(2);
    expect(changes).toEqual(['online', 'offline', 'online']);
  });
});
