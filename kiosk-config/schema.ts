import { z } from 'zod';
import { AttractTiming, LocalizedText } from '../main/api/idle-contract';

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
  /**
   * The central simulator runs inside the kiosk process (development, bench, demo; simulator mode
   * only). Its secret is made once per data folder unless one is given here.
   */
  z.object({
    mode: z.literal('embedded-simulator'),
    secret: z.string().min(16).optional(),
  }),
  z.object({
    mode: z.literal('remote'),
    baseUrl: z.string().url(),
    /** base64 of the 32-byte kiosk secret from enrolment, in clear (hand-written configurations). */
    secret: z.string().min(16).optional(),
    /**
     * Or the file holding it sealed under the data key (what `kiosk provision` writes), relative to
     * the data folder: `central-secret.sealed`.
     */
    secretFile: z.string().min(1).optional(),
  }),
]);

export const SyncConfig = z.object({
  intervalMs: z.number().int().min(100).default(2000),
  batchSize: z.number().int().min(1).max(500).default(100),
  requestTimeoutMs: z.number().int().min(100).default(10_000),
  /**
   * The longest the link waits between attempts while central cannot be reached (full jitter
   * below it). Short on purpose: a kiosk notices central's return within seconds and drains its
   * backlog then; an overloaded central slows kiosks down with 429/503 and Retry-After, which the
   * worker honours beyond this cap.
   */
  maxBackoffMs: z.number().int().min(100).default(8_000),
  heartbeatIntervalS: z.number().min(1).max(3600).default(60),
  /** How often a payment the citizen is making is asked about (GET /payments/{id}). */
  paymentPollMs: z.number().int().min(20).max(10_000).default(1500),
});

const DEFAULT_COUNTER_HOURS: LocalizedText = {
  'zh-CN': '人工窗口：周一至周五 9:00–12:00，14:00–17:30',
  'zh-TW': '人工窗口：週一至週五 9:00–12:00，14:00–17:30',
  en: 'Staffed counter: Mon–Fri 9:00–12:00, 14:00–17:30',
};

export const UiConfig = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  defaultLanguage: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  /** Seconds a citizen has for each step before the session ends. */
  stepTimeoutS: z.number().int().min(10).max(600).default(60),
  /** Seconds a card handed back waits in the gate before it is retained (certificate-unit contract: 30). */
  takeBackTimeoutS: z.number().int().min(3).max(300).default(30),
  /** Elderly mode (大字模式): a citizen's own time limits are this many times as long. */
  elderlyTimeFactor: z.number().min(1).max(3).default(1.5),
  /** The counter's opening hours, shown by the attract loop; null shows none. */
  counterHours: LocalizedText.nullable().default(DEFAULT_COUNTER_HOURS),
  /** Notices the attract loop shows between the services (closures, new services), each in every language. */
  notices: z.array(LocalizedText).max(10).default([]),
  /** Seconds without a touch on the services screen before the attract loop starts, and per slide of it. */
  attract: AttractTiming.default({ afterS: 60, slideS: 8 }),
});

export const StorageConfig = z.object({
  /** Days the sealed personal data of a transaction is kept after central acknowledged its record. */
  retentionDays: z.number().min(0).max(365).default(7),
  /** Below this much free disk the kiosk takes no new transactions (it finishes those in flight). */
  diskFloorMb: z.number().int().min(0).default(200),
});

export const ConfigMode = z.enum(['simulator', 'production']);
export type ConfigMode = z.infer<typeof ConfigMode>;

const DevicesConfig = z.object({
  idReader: IdReaderConfig.optional(),
  printer: PrinterConfig.optional(),
  certificateUnit: CertificateUnitConfig.optional(),
  /** How often idle devices are asked for their status, so a broken or repaired one is noticed. */
  probeIntervalS: z.number().min(1).max(3600).default(15),
  /**
   * How often the idle screen opens the camera to see that it still gives a picture (a dead camera
   * hides the services that need it); a real camera's light comes on for a moment each time.
   */
  cameraCheckS: z.number().int().min(5).max(3600).default(30),
});

export const SERVICE_IDS = ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query', 'certificate-reprint'] as const;

const DEVICE_NAMES = ['idReader', 'printer', 'certificateUnit'] as const;

/**
 * The kiosk's configuration. Simulator mode is always said out loud (`"mode": "simulator"`, or no
 * file at all in a source checkout); a file without a mode is a production terminal's, and a
 * production configuration must name its kiosk id, a remote central and every device on a real
 * port. Nothing falls back to a simulator or to the embedded central without being told, because
 * a simulator would acknowledge real records and the outbox would then delete them.
 */
export const KioskConfig = z
  .object({
    mode: ConfigMode.default('production'),
    kioskId: KioskId.optional(),
    central: CentralConfig.optional(),
    devices: DevicesConfig.default({ probeIntervalS: 15, cameraCheckS: 30 }),
    /** Services this kiosk is enrolled for (from enrolment); all of them when not given. */
    services: z.array(z.enum(SERVICE_IDS)).optional(),
    /** The site central enrolled this kiosk at (from enrolment), for field staff and reports. */
    site: z.object({ code: z.string().min(1), name: z.string().min(1) }).optional(),
    sync: SyncConfig.default({ intervalMs: 2000, batchSize: 100, requestTimeoutMs: 10_000, maxBackoffMs: 8_000, heartbeatIntervalS: 60, paymentPollMs: 1500 }),
    ui: UiConfig.default({ port: 0, defaultLanguage: 'zh-CN', stepTimeoutS: 60, takeBackTimeoutS: 30, elderlyTimeFactor: 1.5, counterHours: DEFAULT_COUNTER_HOURS, notices: [], attract: { afterS: 60, slideS: 8 } }),
    storage: StorageConfig.default({ retentionDays: 7, diskFloorMb: 200 }),
  })
  .superRefine((config, ctx) => {
    const missing = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (config.central?.mode === 'remote' && (config.central.secret === undefined) === (config.central.secretFile === undefined)) {
      missing(['central', 'secret'], 'a remote central takes its secret either in clear ("secret") or sealed ("secretFile"), exactly one of them');
    }
    if (config.mode !== 'production') return;
    if (!config.kioskId) missing(['kioskId'], 'production mode needs the kiosk id from enrolment');
    if (!config.central) missing(['central'], 'production mode needs a remote central ({"mode": "remote", "baseUrl", "secret"})');
    else if (config.central.mode !== 'remote') missing(['central', 'mode'], 'production mode cannot use the embedded central simulator');
    for (const device of DEVICE_NAMES) {
      const given = config.devices[device];
      if (!given) missing(['devices', device], 'production mode needs this device on a real port');
      else if (given.transport === 'simulator') missing(['devices', device, 'transport'], 'production mode cannot use a simulated device');
    }
  })
  .transform((config) => ({
    ...config,
    kioskId: config.kioskId ?? 'GD-GZ-0001',
    central: config.central ?? ({ mode: 'embedded-simulator' } satisfies z.output<typeof CentralConfig> as z.output<typeof CentralConfig>),
    services: config.services ?? [...SERVICE_IDS],
    devices: {
      probeIntervalS: config.devices.probeIntervalS,
      cameraCheckS: config.devices.cameraCheckS,
      idReader: config.devices.idReader ?? ({ transport: 'simulator', card: 'resident' } as const),
      printer: config.devices.printer ?? ({ transport: 'simulator' } as const),
      certificateUnit: config.devices.certificateUnit ?? ({ transport: 'simulator' } as const),
    },
  }));

export type KioskConfig = z.output<typeof KioskConfig>;
export type KioskConfigInput = z.input<typeof KioskConfig>;

/** The configuration of a source checkout with nothing provisioned: simulators everywhere. */
export function simulatorConfig(overrides: Omit<KioskConfigInput, 'mode'> = {}): KioskConfig {
  return KioskConfig.parse({ ...overrides, mode: 'simulator' });
}
