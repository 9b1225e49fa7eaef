/**
 * The crash harness's short form, run by `npm test`: the host process is killed with SIGKILL at a
 * few points that cover each kind of recovery (before payment; with a payment made that the host
 * never heard of, or open; after the chip was written; during the hand-back to a citizen who walks
 * away; with a refund paid out unheard) and restarted; the ID card reissue with the temporary
 * certificate issued or printed unheard; the pickup before the unit moved and with the certificate
 * taken unheard; the certificate reprint's slip printed unheard; nothing may be lost, duplicated,
 * charged twice or left unaccounted for.
 * `npm run crash` runs every persisted step and device event of every scenario.
 */
import { describe, expect, it } from 'vitest';
import { runOnce } from './harness';
import type { CrashPoint, Scenario } from './protocol';

const POINTS: ReadonlyArray<{ readonly why: string; readonly scenario: Scenario; readonly crashAt: CrashPoint; readonly outcome: string }> = [
  { why: 'before payment, the permit inside: handed back', scenario: 'deliver', crashAt: { state: 'readingIdCard' }, outcome: 'ended' },
  { why: 'the payment created and awaited (paid meanwhile): served', scenario: 'deliver', crashAt: { state: 'awaitingPayment' }, outcome: 'delivered' },
  { why: 'paid, the chip written, the host never heard: not written twice', scenario: 'deliver', crashAt: { device: 'chip-written' }, outcome: 'delivered' },
  { why: 'during the hand-back, the unit retained the permit left in the gate: recorded as retained', scenario: 'walk-away', crashAt: { device: 'permit-retained' }, outcome: 'delivered' },
  { why: 'central made the payment, the host never heard (and it was paid): refunded', scenario: 'deliver', crashAt: { central: 'payment-created' }, outcome: 'refunded' },
  { why: 'central paid the refund out, the host never heard: asked again under its key, ends refunded', scenario: 'refund', crashAt: { central: 'refund-made' }, outcome: 'refunded' },
  { why: 'ID reissue: central issued the temporary certificate, the host never heard: the same one under its key, printed once', scenario: 'reissue-deliver', crashAt: { central: 'certificate-issued' }, outcome: 'delivered' },
  { why: 'ID reissue: the certificate slip came out, the host never heard: not printed again', scenario: 'reissue-deliver', crashAt: { device: 'slip-printed' }, outcome: 'delivered' },
  { why: 'pickup: killed as the dispense was journaled, before the unit moved: the certificate stays in its slot, assigned', scenario: 'pickup-collect', crashAt: { state: 'dispensing' }, outcome: 'not-collected' },
  { why: 'pickup: the citizen took it while the host was dying: recorded as collected once', scenario: 'pickup-collect', crashAt: { device: 'certificate-taken' }, outcome: 'collected' },
  { why: 'reprint: the slip came out, the host never heard: not printed again for nobody, recorded as unknown', scenario: 'reprint-print', crashAt: { device: 'slip-printed' }, outcome: 'unknown' },
];

describe('crash harness (short form): SIGKILL the host and restart it', { timeout: 90_000 }, () => {
  for (const point of POINTS) {
    it(`${point.why} (${JSON.stringify(point.crashAt)})`, async () => {
      const result = await runOnce({ scenario: point.scenario, crashAt: point.crashAt });
      // The problems first: on failure they say what was found, and where the run's files are kept.
      expect({ problems: result.problems, runDir: result.runDir }).toEqual({ problems: [], runDir: null });
      expect(result.crashAt).not.toBeNull();
      expect(result).toMatchObject({ outcome: point.outcome, lost: 0, duplicates: 0, doubleCharges: 0, permitsUnaccounted: 0, mismatches: 0, harnessErrors: 0 });
    });
  }
});
