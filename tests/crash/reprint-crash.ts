/**
 * The certificate reprint in the crash harness: the test registry resident made a reissue
 * application at another kiosk (its record is at central, no certificate printed); he types his
 * number at this kiosk and the certificate is issued and printed. Its own checks: central issued
 * at most one certificate for the application and the record names it; the printer put out at
 * most one slip (a slip whose fate the host never heard is not printed again), and the record
 * says printed only when one came out whole.
 */
import type { StoredRecord } from '../../simulators/central/central-store';
import { testCards } from '../../simulators/id-reader/test-cards';
import { reissueAppliedElsewhere } from '../support/applied-elsewhere';
import { payloadOf } from './checks';
import type { CrashService, ServiceVerdict } from './crash-service';
import { doubleCertificates, idReissueCrash, type ReissueFacts } from './id-reissue-crash';

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The application made elsewhere whose certificate the resident prints here. */
export const ELSEWHERE = 'GD-ZH-0002-20261120-77';

interface ReprintPayload {
  readonly outcome?: string;
  readonly applicationNo?: string | null;
  readonly certificateNo?: string | null;
  readonly printed?: boolean | null;
}

export function checkReprint(facts: ReissueFacts, records: readonly StoredRecord[], txnIds: readonly string[]): ServiceVerdict {
  const { permitsUnaccounted, problems } = doubleCertificates(facts);
  let mismatches = 0;
  for (const txnId of txnIds) {
    const record = records.find((r) => r.txnId === txnId);
    if (!record) continue; // counted as lost
    const payload = payloadOf(record) as ReprintPayload;
    if (payload.certificateNo && !facts.certificates.some((c) => c.certificateNo === payload.certificateNo && c.applicationNo === payload.applicationNo)) {
      mismatches++;
      problems.push(`mismatch: ${txnId} names certificate ${payload.certificateNo}, which central did not issue for ${String(payload.applicationNo)}`);
    }
    if (payload.printed === true && facts.slips.complete !== 1) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says the certificate was printed; ${facts.slips.complete} slips came out whole`);
    }
    if (payload.printed === false && facts.slips.complete > 0) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says nothing was printed, but a slip came out whole`);
    }
  }
  return { counts: { permitsUnaccounted, mismatches }, problems };
}

export const reprintCrash: CrashService<ReissueFacts> = {
  service: 'certificate-reprint',
  scenarios: ['reprint-print'],
  recordKind: 'certificate-reprint',
  autoPay: () => false,

  setUp({ central }) {
    reissueAppliedElsewhere(central, testCards.resident.text.idNumber, ELSEWHERE, '2026-11-20T02:00:00.000Z');
    return () => undefined;
  },

  deviceEvents: () => ['slip-printed'],
  // The reissue's slip is the reprint's: the same job (a complete one with the photo's image).
  watchDevice: idReissueCrash.watchDevice,
  centralEvents: () => ['certificate-issued', 'records-stored'],

  /** The citizen: the number on the keypad, the face (simulated), done. */
  async drive(screen) {
    const { host } = screen;
    for (const key of testCards.resident.text.idNumber) await screen.call('keypadInput', { key });
    await screen.call('confirmStep');
    for (;;) {
      if (Date.now() > screen.deadline) screen.fail(`session stuck at ${host.sessions.view.step}`);
      const view = host.sessions.view;
      if (view.step === 'reprint-done') {
        await screen.call('finishSession');
        return;
      }
      if (view.step === 'idle' || view.step === 'failed') screen.fail(`session ended without its end screen (${view.step})`);
      await sleep(POLL_MS);
    }
  },

  gather: idReissueCrash.gather,
  check: checkReprint,
};
