/**
 * The first-boot screen's state on the host: what field staff typed on the keypad (kiosk id,
 * one-time code), and where the provisioning run stands. It checks every key and the entry before
 * anything runs, then runs the provisioning module (kiosk-config/provision) and turns its progress
 * and its typed failures into the view the screen shows (i18n keys, never words).
 */
import {
  type CameraFrameFigures,
  PROVISIONING_MAX_LENGTH,
  type ProvisioningCommand,
  type ProvisioningField,
  type ProvisioningView,
} from '../../api/provisioning-contract';
import { judgeFrame } from '../../../kiosk-config/provision/camera-check';
import { checkEnrolInput, normaliseCode } from '../../../kiosk-config/provision/enrol';
import type { CheckReport } from '../../../kiosk-config/provision/self-test';
import { type ProvisionFailureCode, ProvisionError, type ProvisionInput, type ProvisionResult, provision } from '../../../kiosk-config/provision/provision';
import { Listeners } from '../../../drivers/transport/byte-pipe';
import { RefusedError } from '../api/dispatcher';

export interface ProvisioningSessionOptions {
  readonly dataDir: string;
  /** From the package's settings (`KIOSK_CENTRAL_URL`); without it nothing can be enrolled. */
  readonly centralUrl: string | null;
  /** What provisioning gets besides the entry: ports, clock, camera... */
  readonly provisionOptions?: Omit<ProvisionInput, 'dataDir' | 'centralUrl' | 'kioskId' | 'code' | 'onProgress'>;
  /** Called after `finish`: the kiosk restarts on its new configuration. */
  readonly onFinished: () => void;
  /** Tests swap the provisioning run. */
  readonly run?: (input: ProvisionInput) => Promise<ProvisionResult>;
  /** How long the self-test waits for the screen's camera frame (default 30 s). */
  readonly frameWaitMs?: number;
}

const FRAME_WAIT_MS = 30_000;

const FAILURE_KEYS: Readonly<Record<ProvisionFailureCode, string>> = {
  devices_missing: 'provisioning.failed.devicesMissing',
  code_used: 'provisioning.failed.codeUsed',
  unknown_code: 'provisioning.failed.unknownCode',
  central_unreachable: 'provisioning.failed.centralUnreachable',
  refused: 'provisioning.failed.refused',
  bad_reply: 'provisioning.failed.refused',
  invalid_input: 'provisioning.failed.invalidInput',
};

const refuse = (why: string): never => {
  throw new RefusedError(why, 'errors.notNow');
};

export class ProvisioningSession {
  #view: ProvisioningView;
  readonly #options: ProvisioningSessionOptions;
  readonly #changes = new Listeners<[ProvisioningView]>();
  /** Takes the screen's camera frame while the self-test waits for it. */
  #frameWaiter: ((frame: CameraFrameFigures) => void) | null = null;

  constructor(options: ProvisioningSessionOptions) {
    this.#options = options;
    this.#view = {
      stage: 'enter',
      field: 'kioskId',
      kioskId: '',
      code: '',
      centralUrl: options.centralUrl,
      probe: { done: 0, total: 0 },
      found: { idReader: null, printer: null, certificateUnit: null },
      messageKey: options.centralUrl ? null : 'provisioning.noCentralUrl',
      detail: null,
      selfTest: null,
      cameraFrameWanted: false,
      enrolled: null,
    };
  }

  get view(): ProvisioningView {
    return this.#view;
  }

  onChange(listener: (view: ProvisioningView) => void): () => void {
    return this.#changes.add(listener);
  }

  #set(change: Partial<ProvisioningView>): ProvisioningView {
    this.#view = { ...this.#view, ...change };
    this.#changes.emit(this.#view);
    return this.#view;
  }

  command(command: ProvisioningCommand): ProvisioningView {
    switch (command.action) {
      case 'key':
        return this.#key(command.key);
      case 'field':
        if (this.#view.stage !== 'enter') return refuse('the entry is closed while provisioning runs');
        return this.#set({ field: command.field, messageKey: null });
      case 'start':
        return this.#start();
      case 'retry':
        if (this.#view.stage !== 'failed') return refuse('nothing failed');
        return this.#set({ stage: 'enter', messageKey: null, detail: null });
      case 'camera-frame':
        if (!this.#frameWaiter) return refuse('no camera frame is wanted now');
        this.#frameWaiter(command.frame);
        return this.#view;
      case 'finish':
        if (this.#view.stage !== 'done') return refuse('not provisioned yet');
        // After the answer went out: the restart replaces this screen's host.
        setTimeout(() => this.#options.onFinished(), 0);
        return this.#view;
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  }

  #key(key: string): ProvisioningView {
    if (this.#view.stage !== 'enter') return refuse('the entry is closed while provisioning runs');
    const field: ProvisioningField = this.#view.field;
    const typed = this.#view[field];
    if (key === 'delete') return this.#set({ [field]: typed.slice(0, -1), messageKey: null });
    if (typed.length >= PROVISIONING_MAX_LENGTH[field]) return this.#set({ messageKey: 'provisioning.tooLong' });
    return this.#set({ [field]: typed + key, messageKey: null });
  }

  #start(): ProvisioningView {
    const view = this.#view;
    if (view.stage !== 'enter') return refuse('provisioning runs already');
    if (!view.centralUrl) return this.#set({ messageKey: 'provisioning.noCentralUrl' });
    const code = normaliseCode(view.code);
    try {
      checkEnrolInput({ centralUrl: view.centralUrl, kioskId: view.kioskId, code });
    } catch {
      // Which of the two is wrong, so the keypad goes to it.
      const kioskIdOk = /^[A-Z]{2}-[A-Z]{2,4}-\d{4}$/.test(view.kioskId);
      return this.#set({ field: kioskIdOk ? 'code' : 'kioskId', messageKey: kioskIdOk ? 'provisioning.badCode' : 'provisioning.badKioskId' });
    }
    this.#set({ stage: 'probing', code, messageKey: null, detail: null, probe: { done: 0, total: 0 }, found: { idReader: null, printer: null, certificateUnit: null }, selfTest: null });
    void this.#run(view.centralUrl, view.kioskId, code);
    return this.#view;
  }

  /**
   * The self-test's camera check on the first-boot screen: the view asks the page for one frame
   * from its camera; its figures are judged here. A screen that sends nothing in time fails it.
   */
  #frameFromScreen(): Promise<CheckReport> {
    const waitMs = this.#options.frameWaitMs ?? FRAME_WAIT_MS;
    return new Promise((resolve) => {
      const answer = (report: CheckReport) => {
        clearTimeout(timer);
        this.#frameWaiter = null;
        this.#set({ cameraFrameWanted: false });
        resolve(report);
      };
      const timer = setTimeout(() => answer({ result: 'failed', detail: `the screen sent no camera frame within ${waitMs / 1000} s` }), waitMs);
      this.#frameWaiter = (frame) => answer(judgeFrame(frame));
      this.#set({ cameraFrameWanted: true });
    });
  }

  async #run(centralUrl: string, kioskId: string, code: string): Promise<void> {
    const run = this.#options.run ?? provision;
    try {
      const result = await run({
        camera: () => this.#frameFromScreen(),
        ...this.#options.provisionOptions,
        dataDir: this.#options.dataDir,
        centralUrl,
        kioskId,
        code,
        onProgress: (event) => {
          if (event.kind === 'stage') {
            this.#set({ stage: event.stage });
            return;
          }
          const probe = event.event;
          if (probe.kind === 'start') return void this.#set({ probe: { done: 0, total: probe.total } });
          const { verdict } = probe;
          const found = verdict.outcome === 'identified' && this.#view.found[verdict.identity.device] === null ? { ...this.#view.found, [verdict.identity.device]: verdict.path } : this.#view.found;
          this.#set({ probe: { done: probe.done, total: probe.total }, found });
        },
      });
      const checks = result.selfTest?.checks;
      const camera = checks?.camera;
      this.#set({
        stage: 'done',
        enrolled: { kioskId: result.kioskId, siteName: result.site.name },
        selfTest: result.selfTest && checks
          ? {
              passed: result.selfTest.passed,
              checks: { idReader: checks.idReader.result, certificateUnit: checks.certificateUnit.result, printer: checks.printer.result, camera: checks.camera.result },
              cameraFrame:
                camera && typeof camera.width === 'number' && typeof camera.height === 'number' && typeof camera.meanLuma === 'number'
                  ? { width: camera.width, height: camera.height, meanLuma: camera.meanLuma, covered: camera.covered === true }
                  : null,
            }
          : null,
        messageKey: result.selfTest && !result.selfTest.passed ? 'provisioning.selfTestProblems' : null,
      });
    } catch (error) {
      const code = error instanceof ProvisionError ? error.code : undefined;
      this.#set({
        stage: 'failed',
        messageKey: code ? FAILURE_KEYS[code] : 'provisioning.failed.other',
        detail: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      });
    }
  }
}
