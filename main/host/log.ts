import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Keys whose values are personal data (or secrets) wherever they sit in a logged object: at the
 * top, in nested objects, inside arrays, in an error's own properties or its cause. Compared
 * without regard to case. pino's own `redact` takes fixed paths only (`*.name` reaches one level),
 * so the whole object is walked instead. Code should still log masked values and ids, never cards.
 */
const PERSONAL_KEYS = new Set(
  [
    'idNumber',
    'name',
    'nameEn',
    'address',
    'photoWlt',
    'photo',
    'photoOnRecord',
    'fingerprints',
    'livePhoto',
    'birthDate',
    'payload',
    'secret',
    'pin',
    'pickupCode',
  ].map((key) => key.toLowerCase()),
);

const CENSOR = '[redacted]';
/** A resident ID number (17 digits and a check character) inside any logged string, message included. */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** Deeper than this is not a log object any more; stop rather than walk for ever. */
const MAX_DEPTH = 20;

const scrubText = (text: string): string => text.replace(ID_NUMBER_IN_TEXT, CENSOR);

/** A copy of `value` with every personal key's value replaced, at any depth. */
export function redactPersonal(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactPersonal(item, seen, depth + 1));
    if (value instanceof Error) return redactError(value, seen, depth);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactPersonal(toJSON.call(value), seen, depth + 1);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? CENSOR : redactPersonal(item, seen, depth + 1);
    return copy;
  } finally {
    // Only the path from the root counts as a cycle; the same object twice side by side is fine.
    seen.delete(value);
  }
}

/** An error stays an error (pino's serializer wants one), with its message and own properties redacted. */
function redactError(error: Error, seen: WeakSet<object>, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  Object.defineProperty(copy, 'message', { value: scrubText(error.message), enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: error.stack === undefined ? undefined : scrubText(error.stack), enumerable: false, writable: true, configurable: true });
  if (error.cause !== undefined) {
    Object.defineProperty(copy, 'cause', { value: redactPersonal(error.cause, seen, depth + 1), enumerable: false, writable: true, configurable: true });
  }
  for (const [key, item] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? CENSOR : redactPersonal(item, seen, depth + 1);
  }
  return copy;
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? process.env.KIOSK_LOG_LEVEL ?? 'info',
      base: { app: 'tongban' },
      // Every argument of a log call passes through the walk. It is done in this hook rather than
      // in formatters.log because pino takes the message of `log.error(err)` from the error
      // before any formatter runs.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => redactPersonal(arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
  // Child bindings too. pino applies formatters.bindings to the root's bindings only, so `child`
  // itself is wrapped; children are created from their parent, so they inherit the wrapper.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactPersonal(bindings) as typeof bindings, childOptions);
  } as typeof child;
  return logger;
}
