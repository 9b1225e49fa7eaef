import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import { type EndorsementDeps, endorsementEffects } from '../../../main/host/flows/endorsement/effects';
import type { EndorsementContext } from '../../../main/host/flows/endorsement/types';
import { ManualClock } from '../../support/manual-clock';

/** A unit that does not answer for the first `silentProbes` status requests, then holds a permit in its gate. */
function unit(silentProbes: number) {
  let probes = 0;
  const ejected: number[] = [];
  const waits: number[] = [];
  const driver = {
    getStatus: async () => (probes++ < silentProbes ? { status: 'offline', card: 'none' } : { status: 'online', card: 'inside' }),
    ejectAndWaitForTaken: async (options: { readonly takeTimeoutMs: number }) => {
      ejected.push(probes);
      waits.push(options.takeTimeoutMs);
      return { ok: true, outcome: 'taken' };
    },
  } as unknown as CertificateUnitDriver;
  return { driver, ejected, waits, probes: () => probes };
}

const context = { permitIn: true, sessionId: 's', kioskId: 'GD-GZ-0001', startedAtMs: 0, transactionNo: 't' } as unknown as EndorsementContext;

describe('handing a permit back after a restart', () => {
  it('waits for a unit that does not answer instead of taking its silence for an empty gate', async () => {
    const clock = new ManualClock(0);
    const { driver, ejected, probes } = unit(3);
    const effects = endorsementEffects({ certificateUnit: driver, takeBackTimeoutMs: 30_000, maxRetryDelayMs: 8000 } as unknown as EndorsementDeps);
    const tools = { signal: new AbortController().signal, clock, log: pino({ level: 'silent' }), txnId: 't', timeScale: 1 };
    const outcome = effects.returningPermit!(context, tools);
    // A silent unit is asked again later, on the clock: the permit is not written off meanwhile.
    await expect.poll(() => [clock.pending(), probes()]).toEqual([1, 1]);
    let settled = false;
    void outcome.then(() => (settled = true));
    await clock.advanceAsync(999);
    expect(settled).toBe(false);
    expect(ejected).toEqual([]);
    // Backoff 1 s, 2 s, 4 s: the fourth probe finds the unit answering, with the permit inside.
    await clock.advanceAsync(10_000);
    expect(await outcome).toMatchObject({ event: { type: 'PERMIT_OUT', fate: 'taken' } });
    expect(probes()).toBe(4);
    expect(ejected).toEqual([4]);
  });

  it("in elderly mode the gate waits the take-back time times the session's scale", async () => {
    const { driver, waits } = unit(0);
    const effects = endorsementEffects({ certificateUnit: driver, takeBackTimeoutMs: 30_000, maxRetryDelayMs: 8000 } as unknown as EndorsementDeps);
    const tools = { signal: new AbortController().signal, clock: new ManualClock(0), log: pino({ level: 'silent' }), txnId: 't' };
    await effects.returningPermit!(context, { ...tools, timeScale: 1 });
    await effects.returningPermit!(context, { ...tools, timeScale: 1.5 });
    expect(waits).toEqual([30_000, 45_000]);
  });
});
