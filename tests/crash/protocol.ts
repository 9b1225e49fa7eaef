/**
 * What the crash harness's parent and its host child tell each other. The parent writes the
 * child's instructions to a JSON file; the child appends one line per journal write to a log
 * (synchronously, so the line is on disk before a SIGKILL) and writes its report to a file.
 */

/**
 * The session. HK/Macau endorsement: delivered; refunded (the chip takes no write); cancelled by
 * the citizen at the payment; delivered to a citizen who walks away without the permit (retained
 * when the take-back time is up). ID card reissue (`reissue-`): delivered with the temporary
 * certificate printed; refunded (central refuses the certificate for good); cancelled at the
 * payment. Certificate pickup (`pickup-`): the certificate taken from the gate; left there and
 * retained. Certificate reprint (`reprint-`): the certificate of an application made elsewhere
 * issued and printed. Each service's part lives in its own module (crash-services.ts lists them).
 */
export type Scenario =
  | 'deliver'
  | 'refund'
  | 'cancel'
  | 'walk-away'
  | 'reissue-deliver'
  | 'reissue-refund'
  | 'reissue-cancel'
  | 'pickup-collect'
  | 'pickup-walk-away'
  | 'reprint-print';

/**
 * Something the parent sees happen on a device; it kills the host at that moment, before the host
 * hears of it. The unit wrote the chip, the citizen took the permit, the unit retained it; the
 * printer finished the temporary certificate's slip; the unit moved a certificate from its slot to
 * the gate, the citizen took it, the unit retained it.
 */
export type DeviceEvent = 'chip-written' | 'permit-taken' | 'permit-retained' | 'slip-printed' | 'certificate-dispensed' | 'certificate-taken' | 'certificate-retained';

/** A call central answered for good, whose answer the parent keeps from the host while killing it. */
export type CentralEvent = 'payment-created' | 'payment-cancelled' | 'refund-made' | 'records-stored' | 'certificate-issued';

/**
 * Where the host dies: right after the Nth journal write of the run (or the first write of a
 * state), `afterMs` later (while that state's effect runs), when the parent sees a device event,
 * or when central has answered a call and the host has not heard the answer.
 */
export type CrashPoint =
  | { readonly n: number; readonly afterMs?: number }
  | { readonly state: string }
  | { readonly device: DeviceEvent }
  | { readonly central: CentralEvent };

/** The crash points the child itself carries out (device and central events are the parent's). */
export type ChildCrashPoint = Extract<CrashPoint, { readonly n: number } | { readonly state: string }>;

export interface ChildSpec {
  /** `session`: start one session and drive it (crashing at `crashAt` if given); `recovery`: start, let recovery finish, report. */
  readonly mode: 'session' | 'recovery';
  readonly scenario: Scenario;
  readonly crashAt?: ChildCrashPoint;
  readonly dataDir: string;
  readonly kioskId: string;
  readonly centralUrl: string;
  readonly centralSecret: string;
  readonly ports: { readonly idReader: string; readonly printer: string; readonly certificateUnit: string };
  /** One JSON line per journal write: `JournalWrite`. */
  readonly writesFile: string;
  readonly reportFile: string;
  readonly logFile: string;
  /** The child gives up (exit 3) when its part has not finished by then. */
  readonly timeoutMs: number;
}

export interface JournalWrite {
  readonly mode: ChildSpec['mode'];
  /** 1-based, per child process. */
  readonly n: number;
  readonly txnId: string;
  readonly state: string;
  readonly atMs: number;
  /** The child dies at this write (or `afterMs` after it, when given). */
  readonly crash?: true;
  readonly afterMs?: number;
}

/** What the recovery child (or an uncrashed session child) saw when its part was over, or when it gave up. */
export interface ChildReport {
  readonly mode: ChildSpec['mode'];
  /** Every flow transaction in the journal, with its state. */
  readonly transactions: ReadonlyArray<{ readonly txnId: string; readonly kind: string; readonly state: string }>;
  readonly unfinished: number;
  readonly outbox: { readonly pending: number; readonly deadLetters: number };
  readonly deadLetters: ReadonlyArray<{ readonly txnId: string; readonly kind: string; readonly code: string; readonly message: string }>;
  /** Journal rows that could not be read and were moved aside. */
  readonly quarantined: number;
  readonly ms: number;
}
