import { randomUUID } from 'node:crypto';
import type { EventObject } from 'xstate';
import type { CameraPort } from '../../../drivers/camera/camera-port';
import { canServe } from '../../../drivers/common/device-status';
import type { Clock } from '../../../drivers/common/clock';
import type { KioskConfig } from '../../../kiosk-config/schema';
import type { Language, ServiceId } from '../../api/contract';
import type { CentralApi } from '../central/central-api';
import type { KioskDevices } from '../devices';
import type { Logger } from '../log';
import { receiptTexts } from '../receipt-texts';
import type { AttachmentStore } from '../store/attachments';
import type { Journal } from '../store/journal';
import { pickupFlow } from './certificate-pickup/definition';
import { endorsementFlow } from './endorsement/definition';
import type { ReceiptTexts } from './endorsement/receipt';
import { idReissueFlow } from './id-reissue/definition';
import { certificateSlipPrinter } from './id-reissue/certificate-slip';
import { applicationNumbers } from './id-reissue/application-number';
import type { FlowDefinition } from './engine/flow-definition';
import { FlowRunner, type FlowRunnerDeps } from './engine/flow-runner';
import { recoverFlows } from './engine/recovery';
import { progressQueryFlow } from './progress-query/definition';
import { reprintFlow } from './certificate-reprint/definition';
import type { FlowStarter } from './session-manager';

export interface ServiceFlowDeps {
  readonly config: KioskConfig;
  readonly devices: KioskDevices;
  readonly camera: CameraPort;
  readonly central: CentralApi;
  readonly journal: Journal;
  readonly attachments: AttachmentStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly onRecordQueued: () => void;
  readonly afterJournal?: (txnId: string, state: string) => void;
  /** The language the citizen reads the screen in, asked when a receipt prints (undefined: the kiosk's own). */
  readonly citizenLanguage?: () => Language | undefined;
}

/** Seconds the end screen stays before the session ends by itself. */
const DONE_SCREEN_S = 20;
/** Seconds a progress query's answer stays on screen before it is wiped. */
const RESULTS_SCREEN_S = 45;

/**
 * The services that run as persisted flows, wired to the devices and central: what a new session
 * starts, and what start-up recovery resumes.
 */
export function serviceFlows(deps: ServiceFlowDeps) {
  const stepTimeoutS = deps.config.ui.stepTimeoutS;
  // Receipts in the language the citizen reads the screen in at the moment one prints (a flow
  // resumed after a restart has no citizen's choice any more: the kiosk's own language).
  const texts: ReceiptTexts = (key, values) => receiptTexts(deps.citizenLanguage?.() ?? deps.config.ui.defaultLanguage)(key, values);
  const endorsement = endorsementFlow(
    {
      certificateUnit: deps.devices.certificateUnit,
      idReader: deps.devices.idReader,
      printer: deps.devices.printer,
      camera: deps.camera,
      central: deps.central,
      attachments: deps.attachments,
      receiptTexts: texts,
      insertTimeoutMs: stepTimeoutS * 1000,
      takeBackTimeoutMs: deps.config.ui.takeBackTimeoutS * 1000,
      paymentPollMs: deps.config.sync.paymentPollMs,
      maxRetryDelayMs: deps.config.sync.maxBackoffMs,
    },
    { stepTimeoutS, doneScreenS: DONE_SCREEN_S },
  );
  const progressQuery = progressQueryFlow(
    { idReader: deps.devices.idReader, central: deps.central },
    { stepTimeoutS, keypadTimeoutS: stepTimeoutS * 2, resultsScreenS: RESULTS_SCREEN_S, doneScreenS: DONE_SCREEN_S },
  );
  const pickup = pickupFlow(
    {
      certificateUnit: deps.devices.certificateUnit,
      camera: deps.camera,
      central: deps.central,
      attachments: deps.attachments,
      takeBackTimeoutMs: deps.config.ui.takeBackTimeoutS * 1000,
      maxRetryDelayMs: deps.config.sync.maxBackoffMs,
    },
    { stepTimeoutS, keypadTimeoutS: stepTimeoutS * 2, doneScreenS: DONE_SCREEN_S },
  );
  const idReissue = idReissueFlow(
    {
      printer: deps.devices.printer,
      camera: deps.camera,
      central: deps.central,
      attachments: deps.attachments,
      receiptTexts: texts,
      certificateSlip: certificateSlipPrinter(deps.devices.printer),
      certificateAttempts: 3,
      paymentPollMs: deps.config.sync.paymentPollMs,
      maxRetryDelayMs: deps.config.sync.maxBackoffMs,
    },
    { stepTimeoutS, keypadTimeoutS: stepTimeoutS * 2, doneScreenS: DONE_SCREEN_S },
  );
  const reprint = reprintFlow(
    { camera: deps.camera, central: deps.central, attachments: deps.attachments, certificateSlip: certificateSlipPrinter(deps.devices.printer) },
    { stepTimeoutS, keypadTimeoutS: stepTimeoutS * 2, doneScreenS: DONE_SCREEN_S },
  );
  const runnerDeps: FlowRunnerDeps = { journal: deps.journal, clock: deps.clock, log: deps.log, onRecordQueued: deps.onRecordQueued, afterJournal: deps.afterJournal };
  const definitions = [endorsement, progressQuery, idReissue, pickup, reprint] as unknown as ReadonlyArray<FlowDefinition<unknown, EventObject>>;
  const nextApplicationNo = applicationNumbers((name, atLeast) => deps.journal.nextInSequence(name, atLeast));
  const reissueInput = (sessionId: string) => {
    const startedAtMs = deps.clock.now();
    return { sessionId, kioskId: deps.config.kioskId, startedAtMs, applicationNo: nextApplicationNo(deps.config.kioskId, startedAtMs) };
  };
  const starters: Partial<Record<ServiceId, FlowStarter>> = {
    'id-reissue': (sessionId) =>
      new FlowRunner(idReissue, runnerDeps, { kind: 'new', txnId: randomUUID(), sessionId, input: reissueInput(sessionId) }) as unknown as FlowRunner<unknown, { type: string }>,
    'hk-macau-endorsement': (sessionId) =>
      new FlowRunner(endorsement, runnerDeps, {
        kind: 'new',
        txnId: randomUUID(),
        sessionId,
        input: { sessionId, kioskId: deps.config.kioskId, startedAtMs: deps.clock.now() },
      }) as unknown as FlowRunner<unknown, { type: string }>,
    // The ID-card way is offered when the reader can serve as the session begins; typing always works.
    'progress-query': (sessionId) =>
      new FlowRunner(progressQuery, runnerDeps, {
        kind: 'new',
        txnId: randomUUID(),
        sessionId,
        input: { sessionId, kioskId: deps.config.kioskId, startedAtMs: deps.clock.now(), idCardAvailable: canServe(deps.devices.idReader.status.status) },
      }) as unknown as FlowRunner<unknown, { type: string }>,
    'certificate-reprint': (sessionId) =>
      new FlowRunner(reprint, runnerDeps, { kind: 'new', txnId: randomUUID(), sessionId, input: { sessionId, kioskId: deps.config.kioskId, startedAtMs: deps.clock.now() } }) as unknown as FlowRunner<
        unknown,
        { type: string }
      >,
    'certificate-pickup': (sessionId) =>
      new FlowRunner(pickup, runnerDeps, { kind: 'new', txnId: randomUUID(), sessionId, input: { sessionId, kioskId: deps.config.kioskId, startedAtMs: deps.clock.now() } }) as unknown as FlowRunner<
        unknown,
        { type: string }
      >,
  };
  return {
    starters,
    kinds: definitions.map((def) => def.service as string),
    /** Drives every flow a crash left unfinished to its end; returns the runners doing it. */
    recover: () => recoverFlows(definitions, deps.journal, runnerDeps),
  };
}
