/**
 * The reasons the host sends in `flow-done.messageKey` for the HK/Macau endorsement: each must
 * have a text in every language, and the texts must differ (one reason, one message).
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, textFor, textKeys } from '../support/catalogues';

const FAILURES = [
  'permitUnreadable',
  'permitJammed',
  'deviceFault',
  'identityNotVerified',
  'centralUnreachable',
  'notEligible',
  'paymentExpired',
  'paymentFailed',
  'cancelled',
  'timedOut',
  'writeFailedRefunded',
].map((name) => `endorsement.failed.${name}`);

/** Central's eligibility refusals the kiosk words itself; others fall back to failed.notEligible. */
const NOT_ELIGIBLE = ['permit_expired', 'quota_reached', 'record_mismatch', 'application_in_progress'].map((reason) => `endorsement.notEligible.${reason}`);

describe('endorsement failure messages', () => {
  it('exist in every language for every reason the host sends', () => {
    const missing = [...FAILURES, ...NOT_ELIGIBLE].flatMap((key) => LANGUAGES.filter((language) => !textFor(language, key)?.trim()).map((language) => `${key} in ${language}`));
    expect(missing).toEqual([]);
  });

  it('say something different for each reason', () => {
    for (const language of LANGUAGES) {
      const texts = [...FAILURES, ...NOT_ELIGIBLE].map((key) => textFor(language, key));
      expect(new Set(texts).size, language).toBe(texts.length);
    }
  });

  it('are written in Traditional Chinese in zh-TW, with no Simplified-only character left in the endorsement texts', () => {
    // Characters only Simplified Chinese uses, frequent in these texts (证 签 办 务 费 时 请 ...).
    const simplifiedOnly = /[证签办务费时请读设备这个应须过记录询联态码扫缴头闭单]/u;
    const keys = textKeys(CATALOGUES['zh-TW']).filter((key) => key.startsWith('endorsement.'));
    expect(keys.length).toBeGreaterThan(FAILURES.length + NOT_ELIGIBLE.length);
    expect(keys.filter((key) => simplifiedOnly.test(textFor('zh-TW', key) ?? ''))).toEqual([]);
    // The same check finds them in the Simplified catalogue, or it would prove nothing.
    expect(FAILURES.filter((key) => simplifiedOnly.test(textFor('zh-CN', key) ?? '')).length).toBeGreaterThan(FAILURES.length / 2);
  });
});
