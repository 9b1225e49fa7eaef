/**
 * The probe's wait for an answer when its time limit comes due before the process has read an
 * answer that arrived in time (a long garbage collection, a starved CPU: the timer's turn comes
 * before the port's). The answer is still heard, and a silent port still times out. CI once named
 * a simulated certificate unit missing during provisioning on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import { PortListener } from '../../kiosk-config/probe/listen';
import { ManualClock } from '../support/manual-clock';

const answered = (heard: Uint8Array) => (heard.length > 0 ? heard[0] : undefined);

describe('the probe\'s wait when its time is up before a waiting answer is read', () => {
  it('hears the answer that was already on its way', async () => {
    const clock = new ManualClock();
    const { host, device } = createInProcessPipePair('probe');
    const listener = new PortListener(host, clock);
    const waiting = listener.until(answered, 600);
    // The device has answered (the bytes are on their way to the host side) when the timer fires.
    void device.write(Uint8Array.of(0x12));
    clock.advance(600);
    expect(await waiting).toBe(0x12);
  });

  it('still gives up on a port that says nothing', async () => {
    const clock = new ManualClock();
    const { host } = createInProcessPipePair('probe');
    const listener = new PortListener(host, clock);
    const waiting = listener.until(answered, 600);
    clock.advance(600);
    expect(await waiting).toBeUndefined();
  });
});
