import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths that may hold personal data anywhere in a log object. pino replaces them before the line
 * is written; code should still log masked values and ids, never whole cards.
 */
const REDACT = [
  'idNumber',
  'name',
  'nameEn',
  'address',
  'photoWlt',
  'fingerprints',
  'livePhoto',
  'birthDate',
  '*.idNumber',
  '*.name',
  '*.nameEn',
  '*.address',
  '*.photoWlt',
  '*.fingerprints',
  '*.livePhoto',
  '*.birthDate',
  '*.*.idNumber',
  '*.*.name',
  'payload',
  '*.payload',
  'secret',
  '*.secret',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.KIOSK_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      base: { app: 'tongban' },
    },
    options.destination ?? pino.destination(2),
  );
}
