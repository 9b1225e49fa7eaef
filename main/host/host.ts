import { join } from 'node:path';
import { type Clock, systemClock, type TimerHandle } from '../../drivers/common/clock';
import type { KioskView } from '../api/contract';
import { checkConfigFile, loadConfig, resolveDataDir } from '../../kiosk-config/load';
import { readCentralSecret } from '../../kiosk-config/provision/central-secret';
import type { KioskConfig } from '../../kiosk-config/schema';
import { CentralSimulator } from '../../simulators/central/server';
import { ApiDispatcher, RefusedError } from './api/dispatcher';
import { canServe } from '../../drivers/common/device-status';
import { closeDevices, createDevices, deviceReport, type EmbeddedSimulators, type KioskDevices } from './devices';
import { startEmbeddedCentral } from './embedded-central';
import { recoverUnfinished, SessionManager } from './flows/session-manager';
import { serviceFlows } from './flows/service-flows';
import { CentralApi } from './central/central-api';
import type { CameraPort } from '../../drivers/camera/camera-port';
import { RendererCameraPort } from './camera/renderer-camera-port';
import { SpeechService } from './speech/speech-service';
import { createLogger, type Logger } from './log';
import { carryOutCommand } from './operation/central-commands';
import { KioskState } from './operation/kiosk-state';
import { wireMaintenance } from './maintenance/maintenance-wiring';
import { assertOffered, offeredServices } from './operation/service-offer';
import { storageReport } from './store/storage-health';
import type { Db } from './store/database';
import { Journal } from './store/journal';
import { openStore, type Store } from './store/open-store';
import { CentralClient } from './sync/central-client';
import { Heartbeat } from './sync/heartbeat';
import { SyncWorker } from './sync/sync-worker';
import { startPhase } from './start-timing';
import { SOFTWARE_VERSION } from './version';

export interface HostOptions {
  readonly dataDir?: string;
  readonly config?: KioskConfig;
  /** Devices built by the caller (tests); defaults come from the configuration. */
  readonly devices?: KioskDevices;
  readonly log?: Logger;
  readonly clock?: Clock;
  /**
   * Central asked for a restart, or for the configuration to be read again (already checked to be
   * valid). Whoever runs the host restarts it: the launcher in place, the packaged shell's
   * supervisor after the host process exits. Without a handler the command fails and says so.
   */
  readonly onRestartRequested?: (why: 'restart' | 'reload-config') => void;
  /** The packaged app refuses to start without a configuration file (no simulator fallback). */
  readonly requireConfigFile?: boolean;
  /**
   * The camera port. By default the screen's camera step (main/host/camera/renderer-camera-port.ts):
   * the real camera in production, Chromium's fake camera playing a scene in simulator mode. Tests
   * without a screen pass a SimulatedCamera.
   */
  readonly camera?: CameraPort;
  /** Where maintenance exports go (a USB stick's mount point); see maintenance/usb-export.ts. */
  readonly exportDir?: string;
  /** The crash harness's hook: called after every journal write of a flow (see flow-runner.ts). */
  readonly afterFlowJournal?: (txnId: string, state: string) => void;
  /** Where the speech engine and player are looked up (tests put fakes first); PATH by default. */
  readonly speechPath?: string;
  /**
   * The kiosk runtime (issue 12's cold start): return before the devices' first answer (a
   * certificate unit's first contact is its INIT, about a second), so the screen is served at
   * once. Until a device answers it counts as offline, so nothing that needs it is offered, and the
   * `kiosk` event offers it when it answers. Sync, the heartbeat and maintenance start after that
   * first probe either way (central's first heartbeat reports the devices as they answered);
   * `Host.running` says when.
   */
  readonly probeDevicesInBackground?: boolean;
}

export interface Host {
  readonly config: KioskConfig;
  readonly configFile: string | null;
  readonly dataDir: string;
  readonly api: ApiDispatcher;
  readonly journal: Journal;
  /** The journal's database, health and retention. */
  readonly store: Store;
  readonly sessions: SessionManager;
  readonly sync: SyncWorker;
  readonly heartbeat: Heartbeat;
  /** Spoken prompts (issue 12). */
  readonly speech: SpeechService;
  readonly devices: KioskDevices;
  readonly simulators: EmbeddedSimulators;
  /** The embedded central simulator, in simulator mode. */
  readonly central: CentralSimulator | undefined;
  readonly log: Logger;
  /** Settles when the devices have answered once and sync, heartbeat and maintenance run. */
  readonly running: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: everything the kiosk does, in plain Node, without Electron. Devices are
 * passed in when given and built from the configuration otherwise.
 */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const dataDir = options.dataDir ?? resolveDataDir();
  const loaded = options.config ? { config: options.config, file: null } : loadConfig(dataDir, process.env, { requireFile: options.requireConfigFile });
  const config = loaded.config;
  startPhase('host: configuration loaded');
  const log = options.log ?? createLogger();
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();

  // Refuses to start on a lost key; a damaged or full journal opens with store.health saying so.
  const store = openStore({
    dataDir,
    log: log.child({ part: 'store' }),
    now,
    diskFloorBytes: config.storage.diskFloorMb * 1024 * 1024,
    retentionMs: config.storage.retentionDays * 24 * 60 * 60 * 1000,
  });
  const db: Db = store.db;
  startPhase('host: store open');
  const journal = store.journal;

  let central: CentralSimulator | undefined;
  let link: { baseUrl: string; secret: string };
  if (config.central.mode === 'embedded-simulator') {
    const embedded = await startEmbeddedCentral(dataDir, config.kioskId, config.central.secret);
    central = embedded.central;
    link = embedded;
    log.info({ baseUrl: embedded.baseUrl }, 'embedded central simulator listening');
  } else {
    // A provisioned terminal keeps central's secret sealed (kiosk provision); a hand-written file may carry it in clear.
    const secret = config.central.secret ?? readCentralSecret(dataDir, config.central.secretFile ?? '', config.kioskId);
    link = { baseUrl: config.central.baseUrl, secret };
  }
  startPhase('host: central ready');
  const client = new CentralClient({
    baseUrl: link.baseUrl,
    kioskId: config.kioskId,
    secret: link.secret,
    requestTimeoutMs: config.sync.requestTimeoutMs,
  });
  const centralApi = new CentralApi(client);
  const sync = new SyncWorker(journal.outbox, client, log.child({ part: 'sync' }), {
    ...config.sync,
    clock,
    attachments: { store: store.attachments, put: (txnId, name, bytes) => centralApi.putAttachment(txnId, name, bytes) },
  });

  const built = options.devices ? { devices: options.devices, simulators: {} } : createDevices(config.devices);
  const screenCamera = options.camera ? undefined : new RendererCameraPort({ log: log.child({ part: 'camera' }), clock });
  const camera: CameraPort = options.camera ?? screenCamera!;
  /** Spoken prompts (issue 12): espeak-ng on the host, text only without it; prompts kept across restarts. */
  const speech = new SpeechService({ log: log.child({ part: 'speech' }), path: options.speechPath, storeDir: join(dataDir, 'speech-prompts') });
  const flows = serviceFlows({
    config,
    devices: built.devices,
    camera,
    central: centralApi,
    journal,
    attachments: store.attachments,
    clock,
    log: log.child({ part: 'flow' }),
    onRecordQueued: () => sync.kick(),
    afterJournal: options.afterFlowJournal,
    // Asked when a receipt prints, after the sessions below exist.
    citizenLanguage: () => sessions.language,
  });
  startPhase('host: devices and flows built');
  // Start-up recovery: the ID-card slice closes what it left; flows are driven to their end.
  recoverUnfinished(journal, log, now(), flows.kinds);
  const sessions = new SessionManager({
    idReader: built.devices.idReader,
    journal,
    log: log.child({ part: 'session' }),
    stepTimeoutS: config.ui.stepTimeoutS,
    elderlyTimeFactor: config.ui.elderlyTimeFactor,
    clock,
    onRecordQueued: () => sync.kick(),
    flows: flows.starters,
    captureRequest: () => screenCamera?.request ?? null,
  });

  /** Central's and field staff's out-of-service, each persisted (a restart does not undo it) and lifted only by whoever set it. */
  const kioskState = new KioskState(db);
  /** Field staff: a staff card on the idle reader and a PIN open maintenance mode (issue 11). */
  const maintenance = wireMaintenance({
    config,
    dataDir,
    devices: built.devices,
    camera,
    central: centralApi,
    db,
    journal,
    state: kioskState,
    clock,
    log: log.child({ part: 'maintenance' }),
    onRecordQueued: () => sync.kick(),
    onServiceChange: () => emitKiosk(),
    kioskIdle: () => sessions.view.step === 'idle',
    exportDir: options.exportDir,
  });
  /** A corrupt or full journal, or a disk below the floor: no new transactions until mended. */
  const storageProblem = () => {
    const state = store.health.current();
    return state.ok ? null : state.condition;
  };
  let devicesProbed = false;
  const offer = () =>
    offeredServices({
      outOfService: kioskState.outOfService,
      storageProblem: storageProblem(),
      recovering: sessions.recovering,
      maintenanceOpen: maintenance.mode.open,
      devicesStarting: !devicesProbed,
      enrolled: config.services,
      // Offline or broken hides a service; busy is a device in use, which is fine.
      deviceUsable: (device) => canServe((device === 'camera' ? camera : built.devices[device]).status.status),
    });
  const kioskView = (): KioskView => ({
    kioskId: config.kioskId,
    defaultLanguage: config.ui.defaultLanguage,
    outOfService: kioskState.outOfService,
    services: offer(),
    counterHours: config.ui.counterHours,
    notices: config.ui.notices,
    attract: config.ui.attract,
    cameraCheckS: config.devices.cameraCheckS,
  });

  const api = new ApiDispatcher(
    {
      getKiosk: async () => kioskView(),
      getSession: async () => sessions.view,
      startService: async ({ service, elderly, language }) => {
        assertOffered(offer(), service);
        return sessions.start(service, elderly ?? false, language);
      },
      extendDeadline: async ({ deadlineMs }) => sessions.extendDeadline(deadlineMs),
      setElderly: async ({ on }) => sessions.setElderly(on),
      setLanguage: async ({ language }) => sessions.setLanguage(language),
      retryStep: async () => sessions.retry(),
      cancelSession: async () => sessions.cancel(),
      finishSession: async () => sessions.finish(),
      chooseOption: async ({ index }) => sessions.choose(index),
      keypadInput: async ({ key }) => sessions.keypad(key),
      confirmStep: async () => sessions.confirm(),
      scannedCode: async ({ code }) => sessions.scanned(code),
      getMaintenance: async () => maintenance.mode.view,
      maintenance: async (command) => maintenance.mode.command(command),
      submitCapture: async (answer) => {
        if (!screenCamera) throw new RefusedError('this kiosk does not take stills from the screen', 'errors.notNow');
        screenCamera.submit(answer);
        return sessions.view;
      },
      reportCamera: async ({ condition, detail }) => {
        screenCamera?.report(condition, detail);
        return {};
      },
      speakPrompt: async (request) => speech.speak(request),
      stopSpeech: async () => {
        speech.stop();
        return {};
      },
      heartbeat: async ({ at }) => ({ at }),
    },
    (error, command) => log.error({ err: error, command }, 'API handler failed'),
  );
  sessions.onChange((view) => {
    api.emit('session', view);
    // The camera step belongs to its session: it ends with it.
    if (view.step === 'idle') {
      screenCamera?.cancel('the session ended');
      speech.stop();
    }
  });
  screenCamera?.onRequestChange(() => sessions.captureChanged());
  maintenance.mode.onChange((view) => {
    if (!stopped) api.emit('maintenance', view);
  });
  let stopped = false;
  // Device events may still arrive while the host stops; the journal is closed by then.
  const emitKiosk = () => {
    if (!stopped) api.emit('kiosk', kioskView());
  };
  store.health.onChange(emitKiosk);
  sessions.onRecoveryDone(emitKiosk);
  sessions.adoptRecovered(flows.recover());
  built.devices.idReader.onStatusChange(emitKiosk);
  // A card laid on the idle reader (its staff-card watch looks every second) means someone is
  // there: the screen stops its attract loop and shows the services.
  built.devices.idReader.onStatusChange((next, prev) => {
    if (!stopped && next.card === 'present' && prev.card === 'absent' && sessions.view.step === 'idle' && !maintenance.mode.open) api.emit('presence', { cause: 'id-card' });
  });
  screenCamera?.onStatusChange(emitKiosk);
  built.devices.printer.onStatusChange(emitKiosk);
  built.devices.certificateUnit.onStatusChange(emitKiosk);

  // Ask idle devices how they are, now and then: the attract screen offers only what works, and a
  // repaired device comes back without a restart. During a session the flow talks to them anyway.
  const probeDevices = async () => {
    if (sessions.view.step !== 'idle' || maintenance.mode.open) return;
    const { idReader, printer, certificateUnit } = built.devices;
    await Promise.all([idReader.getStatus(), printer.getStatus(), certificateUnit.getStatus()]);
  };
  startPhase('host: recovered and wired');
  const firstProbe = probeDevices()
    .then(() => startPhase('host: devices probed'))
    .finally(() => {
      // Whatever the devices answered (or not), what is not offered now is for a reason other than start-up.
      devicesProbed = true;
      emitKiosk();
    });
  if (!options.probeDevicesInBackground) await firstProbe;
  let probeTimer: TimerHandle | undefined;
  const probeLater = () => {
    if (stopped) return;
    probeTimer = clock.setTimeout(() => void probeDevices().finally(probeLater), config.devices.probeIntervalS * 1000);
  };

  // Sealed personal data past its retention time goes hourly, not only at start: a kiosk may run
  // for weeks between restarts.
  let purgeTimer: TimerHandle | undefined;
  const purgeLater = () => {
    purgeTimer = clock.setTimeout(() => {
      try {
        const purged = store.purgeExpired(now());
        if (purged.purgedTransactions) log.info(purged, 'personal data past retention deleted');
      } catch (error) {
        log.error({ err: error }, 'retention purge failed; tried again in an hour');
      }
      purgeLater();
    }, 60 * 60 * 1000);
  };
  purgeLater();

  const heartbeat = new Heartbeat({
    client,
    log: log.child({ part: 'heartbeat' }),
    softwareVersion: SOFTWARE_VERSION,
    intervalMs: config.sync.heartbeatIntervalS * 1000,
    clock,
    commandsDone: kioskState.commandsDone,
    onDelivered: () => sync.linkUp(),
    onStaffListChanged: () => void maintenance.staff.refresh(),
    devices: () => ({ ...deviceReport(built.devices), camera: { status: camera.status.status }, speech: speech.report, storage: storageReport(store.health.current()) }),
    queue: () => journal.outbox.stats(now()),
    onCommand: (command, id) =>
      void carryOutCommand(
        {
          journal,
          clock,
          log: log.child({ part: 'commands' }),
          setOutOfService: (value) => {
            kioskState.holdOut('central', value);
            emitKiosk();
            return { staffHoldsOut: kioskState.heldOutBy('staff') };
          },
          checkConfig: () => checkConfigFile(dataDir, loaded.file),
          restart: options.onRestartRequested,
          onRecordQueued: () => sync.kick(),
        },
        command,
        id,
      ),
  });

  const startWork = () => {
    if (stopped) return;
    probeLater();
    sync.start();
    heartbeat.start();
    maintenance.start();
    startPhase('host: sync, heartbeat and maintenance started');
  };
  // A probe that failed leaves the devices offline (nothing offered that needs them); the next probe asks again.
  const running = firstProbe.catch((error: unknown) => log.error({ err: error }, 'first device probe failed')).then(startWork);
  if (!options.probeDevicesInBackground) await running;
  log.info({ dataDir, configFile: loaded.file, kioskId: config.kioskId }, 'host started');
  startPhase('host: started');

  return {
    config,
    configFile: loaded.file,
    dataDir,
    api,
    journal,
    store,
    sessions,
    sync,
    heartbeat,
    speech,
    devices: built.devices,
    simulators: built.simulators,
    central,
    log,
    running,
    async stop() {
      stopped = true;
      // Devices are not closed under a probe still asking them.
      await running;
      clock.clearTimeout(probeTimer);
      clock.clearTimeout(purgeTimer);
      heartbeat.stop();
      speech.stop();
      maintenance.stop();
      sessions.end('host stopping');
      sessions.stopBackground();
      await sync.stop();
      await closeDevices(built.devices);
      await central?.stop();
      db.close();
    },
  };
}
