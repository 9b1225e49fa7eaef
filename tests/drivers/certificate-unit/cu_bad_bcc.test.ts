import { afterEach, describe, expect, it } from 'vitest';
import { createRig, type Rig, settle } from './rig';

const NAK = 0x15;
let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: reply with a bad BCC', () => {
  it('NAKs the damaged reply and accepts the resend', async () => {
    rig = createRig({ sim: { retainCount: 12 } });
    expect((await rig.driver.getStatus()).status).toBe('online');
    await settle();
    rig.hostWrote.length = 0;
    rig.deviceWrote.length = 0;
    const commandsBefore = rig.sim.commandLog.length;
    rig.sim.corruptNextReplies(1);
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 12 });
    await settle();
    // Command frame, NAK for the damaged reply, ACK for the good one.
    const frameLength = 9;
    expect(rig.hostWrote.slice(frameLength)).toEqual([NAK, 0x06]);
    // The unit sent the reply twice: once damaged, once intact; the command itself ran once.
    const reply = [0xf2, 0x00, 0x00, 0x09, 0x50, 0xa5, 0x30, 0x30, 0x32, 0x30, 0x30, 0x31, 0x32, 0x03];
    const good = [...reply, reply.reduce((a, b) => a ^ b, 0)];
    expect(rig.deviceWrote.slice(-good.length)).toEqual(good);
    expect(rig.sim.commandLog.length - commandsBefore).toBe(1);
  });

  it('gives up with communication-error when every resend is damaged', async () => {
    rig = createRig();
    await rig.driver.getStatus();
    await settle();
    rig.hostWrote.length = 0;
    rig.sim.corruptNextReplies(100);
    const result = await rig.driver.retainCount();
    expect(result).toMatchObject({ ok: false, reason: 'communication-error' });
    expect(rig.hostWrote.filter((b) => b === NAK).length).toBe(3);
  });
});
