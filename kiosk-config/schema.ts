import { z } from 'zod';

/** `<province>-<city>-<4 digits>`, e.g. `GD-GZ-0001`. */
export const KioskId = z.string().regex(/^[A-Z]{2}-[A-Z]{2,4}-\d{4}$/, 'a kiosk id looks like GD-GZ-0001');

const SerialPort = z.object({
  transport: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(115200),
});

const Simulated = z.object({ transport: z.literal('simulator') });

export const IdReaderConfig = z.discriminatedUnion('transport', [
  Simulated.extend({ card: z.string().default('resident') }),
  SerialPort,
  z.object({ transport: z.literal('hid'), path: z.string().min(1) }),
]);

export const PrinterConfig = z.discriminatedUnion('transport', [Simulated, SerialPort]);

export const CertificateUnitConfig = z.discriminatedUnion('transport', [
  Simulated,
  /** `addr`: the unit's DIP-switch address, 0-15 (factory 0). */
  SerialPort.extend({ addr: z.number().int().min(0).max(15).default(0) }),
]);

export const CentralConfig = z.discriminatedUnion('mode', [
  /** The central simulator runs inside the kiosk process (development, bench, demo). */
  z.object({
    mode: z.literal('embedded-simulator'),
    secret: z.string().min(16).default('dGVzdC1zZWNyZXQtZm9yLXRoZS1zaW11bGF0b3ItMzI='),
  }),
  z.object({
    mode: z.literal('remote'),
    baseUrl: z.string().url(),
    /** base64 of the 32-byte kiosk secret from enrolment. */
    secret: z.string().min(16),
  }),
]);

export const SyncConfig = z.object({
  intervalMs: z.number().int().min(100).default(2000),
  batchSize: z.number().int().min(1).max(500).default(100),
  requestTimeoutMs: z.number().int().min(100).default(10_000),
  maxBackoffMs: z.number().int().min(100).default(300_000),
  heartbeatIntervalS: z.number().min(1).max(3600).default(60),
});

export const UiConfig = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  defaultLanguage: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  /** Seconds a citizen has for each step before the session ends. */
  stepTimeoutS: z.number().int().min(10).max(600).default(60),
});

export const KioskConfig = z.object({
  kioskId: KioskId.default('GD-GZ-0001'),
  central: CentralConfig.default({ mode: 'embedded-simulator', secret: 'dGVzdC1zZWNyZXQtZm9yLXRoZS1zaW11bGF0b3ItMzI=' }),
  devices: z
    .object({
      idReader: IdReaderConfig.default({ transport: 'simulator', card: 'resident' }),
      printer: PrinterConfig.default({ transport: 'simulator' }),
      certificateUnit: CertificateUnitConfig.default({ transport: 'simulator' }),
      /** How often idle devices are asked for their status, so a broken or repaired one is noticed. */
      probeIntervalS: z.number().min(1).max(3600).default(15),
    })
    .default({
      idReader: { transport: 'simulator', card: 'resident' },
      printer: { transport: 'simulator' },
      certificateUnit: { transport: 'simulator' },
      probeIntervalS: 15,
    }),
  sync: SyncConfig.default({ intervalMs: 2000, batchSize: 100, requestTimeoutMs: 10_000, maxBackoffMs: 300_000, heartbeatIntervalS: 60 }),
  ui: UiConfig.default({ port: 0, defaultLanguage: 'zh-CN', stepTimeoutS: 60 }),
});

export type KioskConfig = z.infer<typeof KioskConfig>;
export type KioskConfigInput = z.input<typeof KioskConfig>;
