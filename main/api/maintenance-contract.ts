/**
 * The maintenance part of the screen <-> host contract (main/api/contract.ts carries the commands
 * and the event). Field staff open it with a staff card on the ID reader and a PIN; what they see
 * is technical, but still words from the catalogues: the host sends keys and numbers only.
 *
 * Imported by the renderer too: zod only, nothing from Node.
 */
import { z } from 'zod';
import { CameraFrameFigures } from './provisioning-contract';

const MessageKey = z.string().regex(/^[a-zA-Z][\w.-]*$/);

/** A staff PIN: digits only, typed on the on-screen keypad. */
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 12;
export const PinKey = z.union([z.string().regex(/^[0-9]$/), z.literal('delete')]);

export const MaintenancePage = z.enum(['status', 'magazine', 'retain-bin', 'printer', 'service', 'export']);
export type MaintenancePage = z.infer<typeof MaintenancePage>;

const DeviceLine = z.object({
  /** The common device vocabulary (online, offline, busy, hardware-error, user-error). */
  status: z.string().max(20),
  /** The driver's English detail for technicians, or null when nothing is wrong. */
  detail: z.string().max(300).nullable(),
});

export const MaintenanceDevices = z.object({
  idReader: DeviceLine,
  printer: DeviceLine.extend({ paper: z.enum(['ok', 'near-end', 'out', 'unknown']), coverOpen: z.boolean() }),
  certificateUnit: DeviceLine.extend({ stock: z.enum(['empty', 'low', 'ok']), retainBin: z.enum(['ok', 'full']), card: z.enum(['none', 'gate', 'inside']) }),
  camera: DeviceLine,
});
export type MaintenanceDevices = z.infer<typeof MaintenanceDevices>;

export const MaintenanceCounters = z.object({
  /** Citizen transactions begun today (kiosk local day). */
  transactionsToday: z.number().int().nonnegative(),
  /** Receipts and test slips printed since the paper was last replaced. */
  receiptsSincePaper: z.number().int().nonnegative(),
  /** When the paper was last replaced (epoch ms), or null when never recorded. */
  paperReplacedAtMs: z.number().int().nullable(),
});

export const MagazineView = z.object({
  /** One entry per slot (slot 1 first): loaded or not; null when the unit did not answer. */
  slots: z.array(z.boolean()).max(999).nullable(),
  /** Certificates central says wait for this kiosk and are not in a slot yet; null if not asked. */
  waitingAtCentral: z.number().int().nonnegative().nullable(),
  /** The certificate just read and matched, and the slot it goes to. */
  pending: z.object({ certificateId: z.string().max(60), kind: z.string().max(40), slot: z.number().int().positive() }).nullable(),
  /** The last certificate loaded in this maintenance session. */
  lastLoaded: z.object({ certificateId: z.string().max(60), slot: z.number().int().positive() }).nullable(),
});
export type MagazineView = z.infer<typeof MagazineView>;

export const RetainedItem = z.object({
  /** The transaction the card was retained in (its number on the citizen's receipt or screen). */
  transactionNo: z.string().max(40),
  /** A citizen's permit not taken back (endorsement), or a finished certificate not taken (pickup). */
  kind: z.enum(['permit', 'certificate']),
  /** The permit number with the middle hidden, or the certificate's id: enough to find the card. */
  label: z.string().max(60),
  retainedAtMs: z.number().int(),
  collected: z.boolean(),
});
export type RetainedItem = z.infer<typeof RetainedItem>;

export const RetainBinView = z.object({
  /** Cards the unit counts in the bin (since the last emptying), or null when it did not answer. */
  counted: z.number().int().nonnegative().nullable(),
  full: z.boolean(),
  /** Permits and certificates the journal says were retained since the last emptying. */
  items: z.array(RetainedItem).max(200),
  /** Cards the unit counts that no journaled transaction explains (still to be collected). */
  unlisted: z.number().int().nonnegative(),
  unlistedCollected: z.boolean(),
});
export type RetainBinView = z.infer<typeof RetainBinView>;

/**
 * Three reasons keep citizens away, each on its own: staff took the kiosk out, central took it out
 * (both remembered across restarts, each lifted only by whoever set it), and devices a service
 * needs are not healthy (that service is not offered; staff cannot put the kiosk back until
 * they are).
 */
export const ServiceStateView = z.object({
  /** Out of service by staff or central. */
  outOfService: z.boolean(),
  byStaff: z.boolean(),
  byCentral: z.boolean(),
  /** Why the kiosk may not go back into service now (device problems), as i18n keys. */
  problems: z.array(MessageKey).max(10),
});

/** The last camera test of this maintenance session: one frame the screen took, judged on the host. */
export const CameraTestView = z.object({
  result: z.enum(['passed', 'failed']),
  /** The frame's size and mean luma, when one was taken. */
  frame: z.object({ width: z.number().int(), height: z.number().int(), meanLuma: z.number().int(), covered: z.boolean() }).nullable(),
});
export type CameraTestView = z.infer<typeof CameraTestView>;

export const ExportView = z.object({
  /** The folder exports go to (a mounted USB stick), or null when none is found. */
  target: z.string().max(300).nullable(),
  last: z.object({ folder: z.string().max(300), files: z.number().int().nonnegative() }).nullable(),
});

export const MaintenanceView = z.discriminatedUnion('step', [
  z.object({ step: z.literal('closed') }),
  z.object({
    step: z.literal('pin'),
    staffId: z.string().max(40),
    typed: z.number().int().min(0).max(PIN_MAX_LENGTH),
    maxLength: z.literal(PIN_MAX_LENGTH),
    attemptsLeft: z.number().int().min(0),
    messageKey: MessageKey.nullable(),
    deadlineMs: z.number().int(),
  }),
  z.object({ step: z.literal('checking-pin'), staffId: z.string().max(40) }),
  z.object({ step: z.literal('locked'), untilMs: z.number().int(), deadlineMs: z.number().int() }),
  z.object({
    step: z.literal('open'),
    staffId: z.string().max(40),
    page: MaintenancePage,
    deadlineMs: z.number().int(),
    /** A device action is running (reading a card, printing, exporting). */
    busy: z.boolean(),
    messageKey: MessageKey.nullable(),
    messageTone: z.enum(['ok', 'problem']),
    devices: MaintenanceDevices,
    counters: MaintenanceCounters,
    magazine: MagazineView,
    retainBin: RetainBinView,
    service: ServiceStateView,
    export: ExportView,
    cameraTest: CameraTestView.nullable(),
  }),
]);
export type MaintenanceView = z.infer<typeof MaintenanceView>;

/** What staff do on the maintenance screens, one command with an `action`. */
export const MaintenanceCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pin-key'), key: PinKey }).strict(),
  z.object({ action: z.literal('pin-confirm') }).strict(),
  z.object({ action: z.literal('show'), page: MaintenancePage }).strict(),
  z.object({ action: z.literal('refresh') }).strict(),
  z.object({ action: z.literal('magazine-read') }).strict(),
  z.object({ action: z.literal('magazine-placed') }).strict(),
  z.object({ action: z.literal('retain-collected'), index: z.number().int().min(-1).max(199) }).strict(),
  z.object({ action: z.literal('retain-emptied') }).strict(),
  z.object({ action: z.literal('paper-replaced') }).strict(),
  z.object({ action: z.literal('test-print') }).strict(),
  z.object({ action: z.literal('out-of-service') }).strict(),
  z.object({ action: z.literal('in-service') }).strict(),
  z.object({ action: z.literal('export') }).strict(),
  /** The screen took one frame from its camera (device status page): judged and recorded. */
  z.object({ action: z.literal('camera-test'), frame: CameraFrameFigures }).strict(),
  z.object({ action: z.literal('close') }).strict(),
]);
export type MaintenanceCommand = z.infer<typeof MaintenanceCommand>;
