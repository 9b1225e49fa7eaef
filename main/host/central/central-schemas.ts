/**
 * Central's replies as the contract states them (central-api.md, "Calls"), one zod schema each.
 * Every 2xx body is checked against these before the kiosk acts on it: a central that breaks the
 * contract is a `bad-reply`, never an exception in a citizen's transaction.
 */
import { z } from 'zod';

const text = z.string().min(1);
const dateTime = z.iso.datetime({ offset: true });
const date = z.iso.date();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const fen = z.number().int().nonnegative();
const sex = z.enum(['male', 'female']);

export const EnrollmentReply = z.object({
  kioskId: text,
  secret: base64.refine((value) => Buffer.from(value, 'base64').length === 32, 'a 32-byte secret'),
  site: z.object({ code: text, name: text }),
  services: z.array(text),
  serverTime: dateTime,
});
export type Enrollment = z.infer<typeof EnrollmentReply>;

export const IdentityReply = z.discriminatedUnion('match', [
  z.object({
    match: z.literal(true),
    score: z.number().min(0).max(1),
    personId: text,
    person: z.object({ name: text, sex, birthDate: date }),
    reason: z.null(),
  }),
  z.object({
    match: z.literal(false),
    // Whatever central puts here on a mismatch is nobody the kiosk may act on.
    personId: z.string().nullish().transform((): null => null),
    person: z.null(),
    // face_mismatch, liveness_failed, document_invalid, no_record, or another central may add.
    reason: text,
  }),
]);
export type IdentityVerdict = z.infer<typeof IdentityReply>;

export const EndorsementOption = z.object({
  code: z.enum(['G', 'L', 'T', 'S', 'Q', 'D']),
  validity: z.enum(['3M', '1Y']),
  entries: z.union([z.literal(1), z.literal(2), z.literal('multiple')]),
  feeFen: fen,
});
export type EndorsementOption = z.infer<typeof EndorsementOption>;

export const EndorsementEligibilityReply = z.object({
  permit: z.object({ number: text, validTo: date }),
  options: z.array(EndorsementOption),
  notEligibleReason: text.nullable(),
});
export type EndorsementEligibility = z.infer<typeof EndorsementEligibilityReply>;

export const DeliveryOption = z.enum(['this-kiosk', 'station', 'mail-registered-address']);
export type DeliveryOption = z.infer<typeof DeliveryOption>;

export const Station = z.object({ code: text, name: text, address: text });
export type Station = z.infer<typeof Station>;

export const IdReissueEligibilityReply = z.discriminatedUnion('eligible', [
  z.object({
    eligible: z.literal(true),
    feeFen: fen,
    photoOnRecord: z.boolean(),
    deliveryOptions: z.array(DeliveryOption).min(1),
    stations: z.array(Station),
    registeredAddressMasked: text.nullable(),
    notEligibleReason: z.null(),
  }),
  // Not eligible: only the reason counts; whatever else central sends along is left out.
  z.object({ eligible: z.literal(false), notEligibleReason: text }),
]);
export type IdReissueEligibility = z.infer<typeof IdReissueEligibilityReply>;

export const TemporaryCertificateReply = z.object({
  certificateNo: text,
  holder: z.object({ name: text, sex, birthDate: date, idNumber: text }),
  validFrom: date,
  validTo: date,
  issuer: text,
  verifyPayload: text,
  photoOnRecord: base64.min(1).nullable(),
});
export type TemporaryCertificate = z.infer<typeof TemporaryCertificateReply>;

export const ApplicationStatus = z.enum(['received', 'in-production', 'ready-for-pickup', 'mailed', 'collected', 'rejected']);

export const Application = z.object({
  applicationNo: text,
  kind: z.enum(['id-reissue', 'hk-macau-endorsement']),
  submittedAt: dateTime,
  status: ApplicationStatus,
  pickup: z.object({ kind: z.enum(['kiosk', 'station']), name: text, address: text }).nullable(),
  trackingNo: text.nullable(),
  rejectReason: text.nullable(),
});
export type Application = z.infer<typeof Application>;

export const ApplicationsReply = z.object({ applications: z.array(Application) });

export const PaymentCreatedReply = z.object({ paymentId: text, qrPayload: text, expiresAt: dateTime });
export type PaymentCreated = z.infer<typeof PaymentCreatedReply>;

export const PaymentStatus = z.enum(['pending', 'paid', 'expired', 'cancelled', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentStateReply = z
  .object({ status: PaymentStatus, paidAt: dateTime.nullable() })
  .refine((payment) => payment.status !== 'paid' || payment.paidAt !== null, 'a paid payment says when it was paid');
export type PaymentState = z.infer<typeof PaymentStateReply>;

export const KioskCertificatesReply = z.object({
  certificates: z.array(
    z.object({
      certificateId: text,
      kind: text,
      holderIdNumberSha256: sha256Hex,
      pickupCodeSha256: sha256Hex,
      slot: z.number().int().positive().nullable(),
    }),
  ),
});
export type WaitingCertificate = z.infer<typeof KioskCertificatesReply>['certificates'][number];

export const StaffReply = z.object({
  staff: z.array(
    z.object({
      staffId: text,
      name: text,
      idNumberSha256: sha256Hex,
      pin: z.object({
        kdf: z.literal('scrypt'),
        salt: base64.min(1),
        N: z.number().int().positive(),
        r: z.number().int().positive(),
        p: z.number().int().positive(),
        hash: base64.refine((value) => Buffer.from(value, 'base64').length === 32, 'a 32-byte hash'),
      }),
    }),
  ),
});
export type StaffMember = z.infer<typeof StaffReply>['staff'][number];
