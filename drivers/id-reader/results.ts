/**
 * SW3 result codes as typed results, and which failure reason each one means for the kiosk.
 * The reason decides what the citizen is told (try again vs. reader out of service); the result
 * keeps the reader's own word for technicians and logs.
 */
import type { IdReaderFailureReason, Sw3Result } from './types';

const results: Readonly<Record<number, Sw3Result>> = {
  0x90: 'success',
  0x91: 'no-content',
  0x9f: 'find-success',
  0x10: 'checksum-error',
  0x11: 'length-error',
  0x21: 'command-error',
  0x23: 'unauthorised',
  0x24: 'unrecognised-error',
  0x31: 'card-auth-failed',
  0x32: 'sam-auth-failed',
  0x33: 'verification-error',
  0x40: 'unknown-card-type',
  0x41: 'read-failed',
  0x47: 'random-failed',
  0x60: 'sam-self-test-failed',
  0x66: 'sam-not-authorised',
  0x80: 'no-card',
  0x81: 'select-failed',
};

export function sw3Result(sw3: number): Sw3Result {
  return results[sw3] ?? 'unknown-code';
}

/** The failure reason an unsuccessful SW3 stands for. */
export function failureReasonFor(result: Sw3Result): IdReaderFailureReason {
  switch (result) {
    case 'no-card':
      return 'no-card';
    case 'select-failed':
      return 'select-failed';
    case 'unknown-card-type':
      return 'unknown-card-type';
    // The card moved, is damaged, or did not pass authentication: the citizen may try again.
    case 'read-failed':
    case 'no-content':
    case 'card-auth-failed':
    case 'sam-auth-failed':
    case 'verification-error':
    case 'random-failed':
      return 'read-failed';
    // The reader rejects well-formed commands or its SAM is unusable: out of service.
    case 'checksum-error':
    case 'length-error':
    case 'command-error':
    case 'unauthorised':
    case 'unrecognised-error':
    case 'sam-self-test-failed':
    case 'sam-not-authorised':
    case 'unknown-code':
      return 'sam-error';
    // Success codes in the wrong place (e.g. 9F answering a read) are a reply the driver cannot use.
    case 'success':
    case 'find-success':
      return 'bad-response';
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}
