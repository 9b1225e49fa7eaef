import { afterEach, describe, expect, it } from 'vitest';
import { encodeSuccess } from '../../../drivers/certificate-unit/codec';
import { FrameScanner } from '../../../drivers/certificate-unit/frame-scanner';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { bytes, createRig, type Rig, until } from './rig';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('certificate unit: line noise', () => {
  it('finds frames around noise and false frame starts', () => {
    const scanner = new FrameScanner();
    const first = encodeSuccess(0, 0x31, 0x30, ['0', '2', '0']);
    const second = encodeSuccess(0, 0xa5, 0x30, ['0', '2', '0'], bytes('30 30 37'));
    // F2 00 00 05 is a plausible header whose frame never completes: it must not swallow `first`.
    const noise = bytes('00 F2 00 00 05 43 FF F2 F2 0F 99');
    const events = scanner.push(Uint8Array.from([...noise, ...first, ...bytes('77 F2 01'), ...second]));
    const frames = events.filter((e) => e.kind === 'frame');
    expect(frames.map((e) => (e.kind === 'frame' ? Array.from(e.bytes) : []))).toEqual([Array.from(first), Array.from(second)]);
    expect(events.some((e) => e.kind === 'noise')).toBe(true);
    expect(scanner.pending).toBe(0);
  });

  it('reads a permit with garbage before the command and before the reply', async () => {
    rig = createRig();
    const { sim, driver } = rig;
    expect((await driver.getStatus()).status).toBe('online');
    const take = driver.takePermit({ timeoutMs: 2000 });
    await until(() => sim.state.entryEnabled);
    sim.insertCard(TEST_PERMITS[1]!);
    expect((await take).ok).toBe(true);

    await sim.sendGarbage(bytes('FF 00 F2 0F 00 F2 7A'));
    sim.garbageBeforeNextReply(bytes('F2 00 00 04 50 99 F2 F2 00 00 03 55 AA'));
    const read = await driver.readPermit();
    expect(read.ok && read.permit.permitNumber).toBe('CT0000002');
    expect(read.ok && read.permit.sex).toBe('female');
  });
});
