/**
 * The ID card reissue in the crash harness: the citizen types the test registry resident's ID
 * number, keeps the photo on record, collects at this kiosk, pays (or cancels at the payment);
 * in `reissue-refund` central refuses the temporary certificate for good, before and after the
 * crash. Its own checks: central issued at most one certificate, only for an application that
 * stands, and the record names it; the printer put out at most one certificate slip, and the
 * record says whether it did.
 */
import type { StoredRecord } from '../../simulators/central/central-store';
import { testCards } from '../../simulators/id-reader/test-cards';
import { payloadOf } from './checks';
import type { CrashService, ServiceVerdict } from './crash-service';

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** More refusals than the flow can ask for in one run, crash and recovery included. */
const REFUSALS = 12;

export interface ReissueFacts {
  /** Central's temporary certificates. */
  readonly certificates: ReadonlyArray<{ readonly certificateNo: string; readonly applicationNo: string }>;
  /** Printer jobs with an image (the certificate slip's photo and frame): all, and those printed whole. */
  readonly slips: { readonly started: number; readonly complete: number };
}

interface ReissuePayload {
  readonly outcome?: string;
  readonly applicationNo?: string;
  readonly certificateNo?: string | null;
  readonly certificate?: string | null;
}

/** More than one certificate at central, or more than one slip sent to the printer, in a run of one session. */
export function doubleCertificates(facts: ReissueFacts): { permitsUnaccounted: number; problems: string[] } {
  const problems: string[] = [];
  let permitsUnaccounted = 0;
  if (facts.certificates.length > 1) {
    permitsUnaccounted += facts.certificates.length - 1;
    problems.push(`double certificate: central issued ${facts.certificates.length} temporary certificates (${facts.certificates.map((c) => c.certificateNo).join(', ')})`);
  }
  if (facts.slips.started > 1) {
    permitsUnaccounted += facts.slips.started - 1;
    problems.push(`double certificate: the printer was sent ${facts.slips.started} certificate slips`);
  }
  return { permitsUnaccounted, problems };
}

export function checkCertificate(facts: ReissueFacts, records: readonly StoredRecord[], txnIds: readonly string[]): ServiceVerdict {
  const { permitsUnaccounted, problems } = doubleCertificates(facts);
  let mismatches = 0;
  for (const txnId of txnIds) {
    const record = records.find((r) => r.txnId === txnId);
    if (!record) continue; // counted as lost
    const payload = payloadOf(record) as ReissuePayload;
    const issued = facts.certificates.filter((c) => c.applicationNo === payload.applicationNo);
    if (payload.outcome !== 'delivered' && issued.length > 0) {
      mismatches++;
      problems.push(`mismatch: ${txnId} ended ${String(payload.outcome)} but central issued certificate ${issued[0]!.certificateNo} for it`);
    }
    if (payload.certificateNo && !issued.some((c) => c.certificateNo === payload.certificateNo)) {
      mismatches++;
      problems.push(`mismatch: ${txnId} names certificate ${payload.certificateNo}, which central did not issue for ${String(payload.applicationNo)}`);
    }
    if (payload.outcome === 'delivered' && issued.length > 0 && !payload.certificateNo) {
      mismatches++;
      problems.push(`mismatch: central issued certificate ${issued[0]!.certificateNo} for ${txnId}, whose record names none`);
    }
    if (payload.certificate === 'printed' && facts.slips.complete !== 1) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says the certificate was printed; ${facts.slips.complete} slips came out whole`);
    }
    if ((payload.certificate === 'not-printed' || payload.certificate === 'not-issued') && facts.slips.complete > 0) {
      mismatches++;
      problems.push(`mismatch: ${txnId} says the certificate was ${payload.certificate}, but a slip came out whole`);
    }
  }
  return { counts: { permitsUnaccounted, mismatches }, problems };
}

export const idReissueCrash: CrashService<ReissueFacts> = {
  service: 'id-reissue',
  scenarios: ['reissue-deliver', 'reissue-refund', 'reissue-cancel'],
  recordKind: 'id-reissue',
  autoPay: (scenario) => scenario !== 'reissue-cancel',

  setUp({ central }, scenario) {
    if (scenario === 'reissue-refund') {
      central.injectFaults(...Array.from({ length: REFUSALS }, () => ({ status: 409, code: 'conflict', path: /^\/temporary-certificates$/ })));
    }
    return () => undefined;
  },

  deviceEvents: (scenario) => (scenario === 'reissue-deliver' ? ['slip-printed'] : []),

  watchDevice({ printer }, event, kill) {
    if (event !== 'slip-printed') return () => undefined;
    return printer.onJob((job) => void (job.complete && job.document.elements.some((e) => e.kind === 'image') && kill()));
  },

  centralEvents: (scenario) =>
    scenario === 'reissue-refund'
      ? ['payment-created', 'refund-made', 'records-stored']
      : scenario === 'reissue-cancel'
        ? ['payment-created', 'payment-cancelled', 'records-stored']
        : ['payment-created', 'certificate-issued', 'records-stored'],

  /** The citizen: the number on the keypad, "it's me", lost, the photo on record, this kiosk, pays or cancels, done. */
  async drive(screen, scenario) {
    const { host } = screen;
    for (const key of testCards.resident.text.idNumber) await screen.call('keypadInput', { key });
    await screen.call('confirmStep');
    const answered = new Set<string>();
    for (;;) {
      if (Date.now() > screen.deadline) screen.fail(`session stuck at ${host.sessions.view.step}`);
      const view = host.sessions.view;
      const once = async (command: string, args: object = {}) => {
        if (answered.has(view.step)) return;
        answered.add(view.step);
        await screen.call(command, args);
      };
      if (view.step === 'reissue-confirm-identity' || view.step === 'reissue-choose-reason' || view.step === 'reissue-choose-photo' || view.step === 'reissue-choose-delivery') {
        await once('chooseOption', { index: 0 });
      } else if (view.step === 'pay' && scenario === 'reissue-cancel') {
        await once('cancelSession');
      } else if (view.step === 'flow-done') {
        await screen.call('finishSession');
        return;
      } else if (view.step === 'idle' || view.step === 'failed') {
        screen.fail(`session ended without its end screen (${view.step})`);
      }
      await sleep(POLL_MS);
    }
  },

  gather: ({ central, printer }) => {
    const certificates = (
      central.store.db.prepare('SELECT certificate_no AS certificateNo, application_no AS applicationNo FROM temporary_certificates').all() as Array<{
        certificateNo: string;
        applicationNo: string;
      }>
    ).map((row) => ({ ...row }));
    const slipJobs = printer.jobs.filter((job) => job.document.elements.some((e) => e.kind === 'image'));
    return { certificates, slips: { started: slipJobs.length, complete: slipJobs.filter((job) => job.complete).length } };
  },

  check: checkCertificate,
};
