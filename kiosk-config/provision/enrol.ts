/**
 * Enrolment with central (`POST /enroll`, the one unsigned call): a one-time code from central's
 * operators buys this terminal its secret, and central's answer names the kiosk, its site and the
 * services it may offer. Failures are typed: a code used before, a code central does not know,
 * central out of reach, or anything else central refused or answered outside the contract.
 */
import { enrollKiosk } from '../../main/host/central/central-api';
import type { Enrollment } from '../../main/host/central/central-schemas';
import type { CentralClientOptions } from '../../main/host/sync/central-client';
import { SOFTWARE_VERSION } from '../../main/host/version';
import { KioskId } from '../schema';

export type EnrolmentFailureCode = 'code_used' | 'unknown_code' | 'central_unreachable' | 'refused' | 'bad_reply' | 'invalid_input';

export class EnrolmentError extends Error {
  override readonly name = 'EnrolmentError';
  constructor(
    readonly code: EnrolmentFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Codes are printed on paper in groups of four: `K7QX-M2TB-9RHD`; spaces and case do not matter. */
export function normaliseCode(typed: string): string {
  const bare = typed.replace(/[\s-]/g, '').toUpperCase();
  return bare.length === 12 ? `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}` : bare;
}

const CODE_SHAPE = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

export interface EnrolRequest {
  readonly centralUrl: string;
  readonly code: string;
  readonly kioskId: string;
  /** What the probe found, for central's inventory (ports, SAM id, unit address). */
  readonly hardware: Readonly<Record<string, unknown>>;
  readonly fetch?: CentralClientOptions['fetch'];
  readonly requestTimeoutMs?: number;
}

export function checkEnrolInput(request: Pick<EnrolRequest, 'centralUrl' | 'code' | 'kioskId'>): void {
  if (!KioskId.safeParse(request.kioskId).success) throw new EnrolmentError('invalid_input', `kiosk id ${JSON.stringify(request.kioskId)} does not look like GD-GZ-0001`);
  if (!CODE_SHAPE.test(normaliseCode(request.code))) throw new EnrolmentError('invalid_input', 'an enrolment code is 12 letters and digits, e.g. K7QX-M2TB-9RHD');
  let url: URL;
  try {
    url = new URL(request.centralUrl);
  } catch {
    throw new EnrolmentError('invalid_input', `central URL ${JSON.stringify(request.centralUrl)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EnrolmentError('invalid_input', 'central URL must be http(s)');
}

export async function enrol(request: EnrolRequest): Promise<Enrollment> {
  checkEnrolInput(request);
  const result = await enrollKiosk(
    {
      baseUrl: request.centralUrl,
      ...(request.fetch ? { fetch: request.fetch } : {}),
      requestTimeoutMs: request.requestTimeoutMs ?? 10_000,
    },
    { enrollmentCode: normaliseCode(request.code), kioskId: request.kioskId, softwareVersion: SOFTWARE_VERSION, hardware: request.hardware },
  );
  if (result.ok) {
    if (result.value.kioskId !== request.kioskId) throw new EnrolmentError('bad_reply', `central enrolled ${result.value.kioskId}, not ${request.kioskId}`);
    return result.value;
  }
  if (result.kind === 'unreachable') throw new EnrolmentError('central_unreachable', `central at ${request.centralUrl} cannot be reached: ${result.message}`);
  if (result.code === 'code_used') throw new EnrolmentError('code_used', 'this enrolment code was used before: ask central for a new one');
  if (result.code === 'unknown_code') throw new EnrolmentError('unknown_code', 'central does not know this enrolment code: check it, or ask for a new one');
  if (result.kind === 'refused') throw new EnrolmentError('refused', `central refused the enrolment: ${result.code ?? result.status}: ${result.message}`);
  throw new EnrolmentError('bad_reply', `central answered outside the contract: ${result.message}`);
}
