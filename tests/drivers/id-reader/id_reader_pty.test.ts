import { describe, expect, it } from 'vitest';
import { IdReaderDriver } from '../../../drivers/id-reader/driver';
import { openSerialPipe } from '../../../drivers/transport/serial-port-pipe';
import { IdReaderSimulator } from '../../../simulators/id-reader/simulator';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { startPtyPair } from '../../../simulators/pty-pair';
import { base64, onCleanup } from './rig';

describe('ID reader over a real pty pair (socat)', () => {
  it('the simulator on one end, the driver on the other: a card read with fingerprints, then an empty reader', async () => {
    const pty = await startPtyPair();
    onCleanup(() => pty.stop());
    const [devicePath, hostPath] = pty.paths;
    const devicePipe = await openSerialPipe({ path: devicePath, baudRate: 115200 });
    const sim = new IdReaderSimulator(devicePipe, { card: 'resident' });
    onCleanup(() => sim.close());
    const driver = new IdReaderDriver(() => openSerialPipe({ path: hostPath, baudRate: 115200 }), {
      timeouts: { findMs: 500, readMs: 2000, readFingerprintMs: 3000 },
    });
    onCleanup(() => driver.close());

    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value).toEqual({
      ...testCards.resident.text,
      photoWlt: base64(testCards.resident.photoWlt),
      fingerprints: base64(testCards.resident.fingerprints),
    });
    expect(await driver.samId()).toEqual({ ok: true, value: '05000102202611220000000154420001' });

    sim.removeCard();
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'no-card', sw3: 0x80 });
    sim.placeCard('foreign-2023');
    const foreign = await driver.readCard();
    expect(foreign.ok && foreign.value.nameEn).toBe('EXAMPLE PERSON WITH A VERY LONG ENGLISH NAME X');
  });
});
