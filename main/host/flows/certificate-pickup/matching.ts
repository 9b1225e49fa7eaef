import { createHash, timingSafeEqual } from 'node:crypto';
import type { WaitingCertificate } from '../../central/central-schemas';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Equal SHA-256 digests, compared in constant time (central's hex is checked to be 64 hex digits). */
function sameDigest(mine: Buffer, theirsHex: string): boolean {
  const theirs = Buffer.from(theirsHex, 'hex');
  return theirs.length === mine.length && timingSafeEqual(mine, theirs);
}

export type MatchResult =
  | { readonly ok: true; readonly certificate: WaitingCertificate & { readonly slot: number } }
  | { readonly ok: false; readonly reason: 'none-waiting' | 'code-mismatch' | 'not-loaded' };

/**
 * The certificate waiting for this ID number (and this pickup code, when one was given) in the
 * kiosk's list. Every entry is compared, whatever matched before, so the time taken says nothing
 * about the list; neither the number nor the code is kept or logged here.
 */
export function matchCertificate(list: readonly WaitingCertificate[], idNumber: string, pickupCode: string | undefined): MatchResult {
  const holder = digest(idNumber);
  const code = pickupCode === undefined ? undefined : digest(pickupCode);
  const holders: WaitingCertificate[] = [];
  const both: WaitingCertificate[] = [];
  for (const certificate of list) {
    const holderMatches = sameDigest(holder, certificate.holderIdNumberSha256);
    const codeMatches = code === undefined || sameDigest(code, certificate.pickupCodeSha256);
    if (holderMatches) holders.push(certificate);
    if (holderMatches && codeMatches) both.push(certificate);
  }
  if (holders.length === 0) return { ok: false, reason: 'none-waiting' };
  if (both.length === 0) return { ok: false, reason: 'code-mismatch' };
  const loaded = both.find((certificate): certificate is WaitingCertificate & { slot: number } => certificate.slot !== null);
  return loaded ? { ok: true, certificate: loaded } : { ok: false, reason: 'not-loaded' };
}
