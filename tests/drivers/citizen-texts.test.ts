/**
 * Drivers name what went wrong with typed reasons and i18n keys; the words live in the renderer's
 * catalogues. A reason added to a driver without a text in every language fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  type CertificateUnitReason,
  certificateUnitMessageKey,
  CITIZEN_MESSAGE_CODES,
  REASONS,
} from '../../drivers/certificate-unit/errors';
import { PRINT_FAILURE_REASONS, printFailureMessageKey } from '../../drivers/printer/types';
import { keysUnder, LANGUAGES, textFor } from '../support/catalogues';

function expectTextEverywhere(key: string): void {
  for (const language of LANGUAGES) expect(textFor(language, key)?.trim(), `${key} in ${language}`).toBeTruthy();
}

describe('printer failure texts', () => {
  it('has a text in every language for every print failure reason', () => {
    for (const reason of PRINT_FAILURE_REASONS) expectTextEverywhere(printFailureMessageKey(reason));
  });

  it('keeps no text for a reason the driver no longer has', () => {
    for (const language of LANGUAGES) expect(keysUnder(language, 'devices.printer').sort(), language).toEqual([...PRINT_FAILURE_REASONS].sort());
  });
});

describe('certificate unit texts', () => {
  it('has a text in every language for every reason the unit or its driver reports', () => {
    for (const reason of Object.keys(REASONS) as CertificateUnitReason[]) expectTextEverywhere(REASONS[reason].messageKey);
  });

  it('has a text for every citizen message code, and none for codes that do not exist', () => {
    for (const code of CITIZEN_MESSAGE_CODES) expectTextEverywhere(certificateUnitMessageKey(code));
    for (const language of LANGUAGES) {
      expect(keysUnder(language, 'devices.certificateUnit').sort(), language).toEqual([...CITIZEN_MESSAGE_CODES].sort());
    }
  });
});
