/**
 * The kiosk's typed view of the central service: one method per call of central-api.md, each
 * answering a `CentralResult` whose value has been checked against the contract. Nothing here
 * throws on anything central does; the caller decides on `retryable`.
 *
 * Calls that change something at central take an Idempotency-Key from the caller, who journals
 * it before the call, so a retry after a crash repeats the same request and gets the same answer.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type CentralClient, type CentralClientOptions, type CentralRequest, type CentralResponse, sendUnsigned } from '../sync/central-client';
import { badReply, type CentralResult, failureOf } from './central-result';
import {
  type Application,
  ApplicationsReply,
  type EndorsementEligibility,
  EndorsementEligibilityReply,
  type Enrollment,
  EnrollmentReply,
  type IdentityVerdict,
  IdentityReply,
  type IdReissueEligibility,
  IdReissueEligibilityReply,
  KioskCertificatesReply,
  type PaymentCreated,
  PaymentCreatedReply,
  type PaymentState,
  PaymentStateReply,
  StaffReply,
  type StaffMember,
  type TemporaryCertificate,
  TemporaryCertificateReply,
  type WaitingCertificate,
} from './central-schemas';

export interface EnrollRequest {
  readonly enrollmentCode: string;
  readonly kioskId: string;
  readonly softwareVersion: string;
  readonly hardware: Readonly<Record<string, unknown>>;
}

export interface IdentityVerifyRequest {
  readonly sessionId: string;
  /** `name` is null when the citizen typed only the ID number (a reissue after loss). */
  readonly document: { readonly type: 'resident-id' | 'hk-macau-permit'; readonly number: string; readonly name: string | null };
  /** base64 JPEG. */
  readonly livePhoto: string;
  readonly liveness: { readonly passed: boolean; readonly method: 'blink' | 'turn-head' };
}

export interface EndorsementEligibilityRequest {
  readonly sessionId: string;
  readonly permitNumber: string;
  readonly idNumber: string;
}

export interface IdReissueEligibilityRequest {
  readonly sessionId: string;
  readonly personId: string;
  readonly reason: 'lost' | 'damaged' | 'expired';
}

export interface CreatePaymentRequest {
  readonly sessionId: string;
  readonly amountFen: number;
  readonly description: string;
  readonly method: 'qr';
}

export interface TemporaryCertificateRequest {
  readonly sessionId: string;
  readonly personId: string;
  readonly applicationNo: string;
}

export type ApplicationQuery =
  | { readonly sessionId: string; readonly idNumber: string }
  | { readonly sessionId: string; readonly applicationNo: string; readonly idNumberLast4: string };

/** A payment's state, with the id it was asked for. */
export type Payment = PaymentState & { readonly paymentId: string };

/** 201: central stored the bytes now; 200: it had them already (a retry after a lost answer). */
export type AttachmentStored = 'stored' | 'already-stored';

const segment = (value: string) => encodeURIComponent(value);

function idempotencyHeader(key: string): Record<string, string> {
  // An empty key is the caller's bug (nothing was journaled): fail loudly, before any request.
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new RangeError('an Idempotency-Key is 1-200 visible ASCII characters (a UUID)');
  return { 'Idempotency-Key': key };
}

function decode<T>(response: CentralResponse, schema: z.ZodType<T>, what: string): CentralResult<T> {
  if (response.kind !== 'ok') return failureOf(response);
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return badReply(response.status, what, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
}

export class CentralApi {
  readonly #client: CentralClient;

  constructor(client: CentralClient) {
    this.#client = client;
  }

  async #call<T>(request: CentralRequest, schema: z.ZodType<T>): Promise<CentralResult<T>> {
    return decode(await this.#client.send(request), schema, `${request.method} ${request.path.split('?')[0]}`);
  }

  verifyIdentity(request: IdentityVerifyRequest): Promise<CentralResult<IdentityVerdict>> {
    return this.#call({ method: 'POST', path: '/identity/verify', body: { json: request } }, IdentityReply);
  }

  endorsementEligibility(request: EndorsementEligibilityRequest): Promise<CentralResult<EndorsementEligibility>> {
    return this.#call({ method: 'POST', path: '/endorsements/eligibility', body: { json: request } }, EndorsementEligibilityReply);
  }

  idReissueEligibility(request: IdReissueEligibilityRequest): Promise<CentralResult<IdReissueEligibility>> {
    return this.#call({ method: 'POST', path: '/id-reissue/eligibility', body: { json: request } }, IdReissueEligibilityReply);
  }

  createPayment(request: CreatePaymentRequest, idempotencyKey: string): Promise<CentralResult<PaymentCreated>> {
    return this.#call({ method: 'POST', path: '/payments', body: { json: request }, headers: idempotencyHeader(idempotencyKey) }, PaymentCreatedReply);
  }

  async getPayment(paymentId: string): Promise<CentralResult<Payment>> {
    return withId(paymentId, await this.#call({ method: 'GET', path: `/payments/${segment(paymentId)}` }, PaymentStateReply));
  }

  /** Answers the payment as it is now: a payment paid meanwhile comes back `paid` and needs a refund. */
  async cancelPayment(paymentId: string): Promise<CentralResult<Payment>> {
    return withId(paymentId, await this.#call({ method: 'POST', path: `/payments/${segment(paymentId)}/cancel` }, PaymentStateReply));
  }

  async refundPayment(paymentId: string, request: { readonly reason: string }, idempotencyKey: string): Promise<CentralResult<Payment>> {
    const headers = idempotencyHeader(idempotencyKey);
    return withId(paymentId, await this.#call({ method: 'POST', path: `/payments/${segment(paymentId)}/refund`, body: { json: request }, headers }, PaymentStateReply));
  }

  issueTemporaryCertificate(request: TemporaryCertificateRequest, idempotencyKey: string): Promise<CentralResult<TemporaryCertificate>> {
    const headers = idempotencyHeader(idempotencyKey);
    return this.#call({ method: 'POST', path: '/temporary-certificates', body: { json: request }, headers }, TemporaryCertificateReply);
  }

  async queryApplications(query: ApplicationQuery): Promise<CentralResult<Application[]>> {
    const result = await this.#call({ method: 'POST', path: '/applications/query', body: { json: query } }, ApplicationsReply);
    return result.ok ? { ok: true, value: result.value.applications } : result;
  }

  /** Uploads an attachment's exact bytes with their SHA-256 (before the record that names it). */
  async putAttachment(txnId: string, name: string, bytes: Uint8Array): Promise<CentralResult<AttachmentStored>> {
    const response = await this.#client.send({
      method: 'PUT',
      path: `/attachments/${segment(txnId)}/${segment(name)}`,
      body: { bytes, contentType: 'application/octet-stream' },
      headers: { 'Content-SHA256': createHash('sha256').update(bytes).digest('hex') },
    });
    if (response.kind !== 'ok') return failureOf(response);
    if (response.status === 201) return { ok: true, value: 'stored' };
    if (response.status === 200) return { ok: true, value: 'already-stored' };
    return badReply(response.status, 'PUT /attachments', `status ${response.status} is neither 201 nor 200`);
  }

  /** Finished certificates waiting in this kiosk's magazine. */
  async kioskCertificates(): Promise<CentralResult<WaitingCertificate[]>> {
    const result = await this.#call({ method: 'GET', path: `/kiosks/${segment(this.#client.kioskId)}/certificates` }, KioskCertificatesReply);
    return result.ok ? { ok: true, value: result.value.certificates } : result;
  }

  /** The field staff allowed to open maintenance mode here. */
  async kioskStaff(): Promise<CentralResult<StaffMember[]>> {
    const result = await this.#call({ method: 'GET', path: `/kiosks/${segment(this.#client.kioskId)}/staff` }, StaffReply);
    return result.ok ? { ok: true, value: result.value.staff } : result;
  }
}

function withId(paymentId: string, result: CentralResult<PaymentState>): CentralResult<Payment> {
  return result.ok ? { ok: true, value: { ...result.value, paymentId } } : result;
}

/** POST /enroll, unsigned: a one-time code buys the kiosk its secret. */
export async function enrollKiosk(
  options: Pick<CentralClientOptions, 'baseUrl' | 'requestTimeoutMs' | 'fetch' | 'now'>,
  request: EnrollRequest,
): Promise<CentralResult<Enrollment>> {
  return decode(await sendUnsigned(options, { method: 'POST', path: '/enroll', body: { json: request } }), EnrollmentReply, 'POST /enroll');
}
