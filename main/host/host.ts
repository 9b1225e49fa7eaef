import { join } from 'node:path';
import type { KioskView } from '../api/contract';
import { loadConfig, resolveDataDir } from '../../kiosk-config/load';
import type { KioskConfig } from '../../kiosk-config/schema';
import { CentralSimulator } from '../../simulators/central/server';
import { ApiDispatcher } from './api/dispatcher';
import { canServe } from '../../drivers/common/device-status';
import { closeDevices, createDevices, deviceReport, type EmbeddedSimulators, type KioskDevices } from './devices';
import { implementedServices, recoverUnfinished, SessionManager } from './flows/session-manager';
import { createLogger, type Logger } from './log';
import type { Db } from './store/database';
import { Journal } from './store/journal';
import { openStore } from './store/open-store';
import { CentralClient } from './sync/central-client';
import { Heartbeat } from './sync/heartbeat';
import { SyncWorker } from './sync/sync-worker';
import { SOFTWARE_VERSION } from './version';

export interface HostOptions {
  readonly dataDir?: string;
  readonly config?: KioskConfig;
  /** Devices built by the caller (tests); defaults come from the configuration. */
  readonly devices?: KioskDevices;
  readonly log?: Logger;
  readonly now?: () => number;
}

export interface Host {
  readonly config: KioskConfig;
  readonly configFile: string | null;
  readonly dataDir: string;
  readonly api: ApiDispatcher;
  readonly journal: Journal;
  readonly sessions: SessionManager;
  readonly sync: SyncWorker;
  readonly heartbeat: Heartbeat;
  readonly devices: KioskDevices;
  readonly simulators: EmbeddedSimulators;
  /** The embedded central simulator, in simulator mode. */
  readonly central: CentralSimulator | undefined;
  readonly log: Logger;
  stop(): Promise<void>;
}

/**
 * The composition root: everything the kiosk does, in plain Node, without Electron. Devices are
 * passed in when given and built from the configuration otherwise.
 */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const dataDir = options.dataDir ?? resolveDataDir();
  const loaded = options.config ? { config: options.config, file: null } : loadConfig(dataDir);
  const config = loaded.config;
  const log = options.log ?? createLogger();
  const now = options.now ?? Date.now;

  // Refuses to start on a lost key; a damaged or full journal opens with store.health saying so.
  const store = openStore({ dataDir, log: log.child({ part: 'store' }), now });
  const db: Db = store.db;
  const journal = store.journal;
  recoverUnfinished(journal, log, now());

  let central: CentralSimulator | undefined;
  let baseUrl: string;
  if (config.central.mode === 'embedded-simulator') {
    central = new CentralSimulator({ dbFile: join(dataDir, 'central-sim.sqlite'), secrets: { [config.kioskId]: config.central.secret } });
    baseUrl = await central.start();
    log.info({ baseUrl }, 'embedded central simulator listening');
  } else {
    baseUrl = config.central.baseUrl;
  }
  const client = new CentralClient({
    baseUrl,
    kioskId: config.kioskId,
    secret: config.central.secret,
    requestTimeoutMs: config.sync.requestTimeoutMs,
  });
  const sync = new SyncWorker(journal.outbox, client, log.child({ part: 'sync' }), { ...config.sync, now });

  const built = options.devices ? { devices: options.devices, simulators: {} } : createDevices(config.devices);
  const sessions = new SessionManager({
    idReader: built.devices.idReader,
    journal,
    log: log.child({ part: 'session' }),
    stepTimeoutS: config.ui.stepTimeoutS,
    now,
    onRecordQueued: () => sync.kick(),
  });

  /** Set by central's `out-of-service` command, cleared by `in-service`. */
  let outOfService = false;
  const kioskView = (): KioskView => ({
    kioskId: config.kioskId,
    defaultLanguage: config.ui.defaultLanguage,
    outOfService,
    services: (['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query'] as const).map((id) => {
      if (outOfService) return { id, available: false, reasonKey: 'services.kioskOutOfService' };
      if (!implementedServices.includes(id)) return { id, available: false, reasonKey: 'services.notYetAvailable' };
      // Offline or broken hides the service; busy is a reader in use, which is fine.
      const readerUsable = canServe(built.devices.idReader.status.status);
      return { id, available: readerUsable, reasonKey: readerUsable ? null : 'services.deviceOutOfService' };
    }),
  });

  const api = new ApiDispatcher(
    {
      getKiosk: async () => kioskView(),
      getSession: async () => sessions.view,
      startService: async ({ service }) => sessions.start(service),
      retryStep: async () => sessions.retry(),
      cancelSession: async () => sessions.end('cancelled by the citizen'),
      finishSession: async () => sessions.finish(),
      heartbeat: async ({ at }) => ({ at }),
    },
    (error, command) => log.error({ err: error, command }, 'API handler failed'),
  );
  sessions.onChange((view) => api.emit('session', view));
  const emitKiosk = () => api.emit('kiosk', kioskView());
  built.devices.idReader.onStatusChange(emitKiosk);
  built.devices.printer.onStatusChange(emitKiosk);
  built.devices.certificateUnit.onStatusChange(emitKiosk);

  // Ask idle devices how they are, now and then: the attract screen offers only what works, and a
  // repaired device comes back without a restart. During a session the flow talks to them anyway.
  const probeDevices = async () => {
    if (sessions.view.step !== 'idle') return;
    const { idReader, printer, certificateUnit } = built.devices;
    await Promise.all([idReader.getStatus(), printer.getStatus(), certificateUnit.getStatus()]);
  };
  await probeDevices();
  const probeTimer = setInterval(() => void probeDevices(), config.devices.probeIntervalS * 1000);
  probeTimer.unref();

  const heartbeat = new Heartbeat({
    client,
    log: log.child({ part: 'heartbeat' }),
    softwareVersion: SOFTWARE_VERSION,
    intervalMs: config.sync.heartbeatIntervalS * 1000,
    now,
    devices: () => deviceReport(built.devices),
    queue: () => journal.outbox.stats(now()),
    onCommand: (command) => {
      switch (command) {
        case 'out-of-service':
        case 'in-service':
          // A citizen already in a session finishes it; the attract screen changes at once.
          outOfService = command === 'out-of-service';
          api.emit('kiosk', kioskView());
          return;
        case 'reload-config':
        case 'restart':
          log.warn({ command }, 'central asked for something this build does not do yet; a field engineer must act');
          return;
        default:
          command satisfies never;
      }
    },
  });

  sync.start();
  heartbeat.start();
  log.info({ dataDir, configFile: loaded.file, kioskId: config.kioskId }, 'host started');

  return {
    config,
    configFile: loaded.file,
    dataDir,
    api,
    journal,
    sessions,
    sync,
    heartbeat,
    devices: built.devices,
    simulators: built.simulators,
    central,
    log,
    async stop() {
      clearInterval(probeTimer);
      heartbeat.stop();
      sessions.end('host stopping');
      await sync.stop();
      await closeDevices(built.devices);
      await central?.stop();
      db.close();
    },
  };
}
