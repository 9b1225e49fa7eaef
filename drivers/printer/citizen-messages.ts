/** Texts a citizen may be shown for each print failure, typed and checked for completeness. */
import messages from './citizen-messages.json';
import type { PrintFailureReason } from './types';

export type CitizenLocale = 'zh-CN' | 'zh-TW' | 'en';
export type CitizenMessage = Readonly<Record<CitizenLocale, string>>;

/** The satisfies clause fails the build when a reason lacks a text in any locale. */
export const PRINT_FAILURE_MESSAGES = messages satisfies Readonly<Record<PrintFailureReason, CitizenMessage>>;

export function citizenMessage(reason: PrintFailureReason, locale: CitizenLocale): string {
  return PRINT_FAILURE_MESSAGES[reason][locale];
}
