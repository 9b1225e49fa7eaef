import { ACK, encodeFailure, encodeSuccess, NAK } from '../../drivers/certificate-unit/codec';
import { FrameScanner, type ScanEvent } from '../../drivers/certificate-unit/frame-scanner';
import { type BytePipe, Listeners } from '../../drivers/transport/byte-pipe';
import { executeCommand, type MotionKind, motionOf } from './device-commands';
import { type CertificateUnitSimState, type SimCard, UnitModel, type UnitModelOptions } from './state';
import type { MagazineCertificate, SimPermit } from './test-data';
import { REALISTIC_TIMING, type SimulatorTiming } from './timing';

export { REALISTIC_TIMING, type SimulatorTiming, ZERO_TIMING } from './timing';

export interface CertificateUnitSimulatorOptions extends UnitModelOptions {
  readonly addr?: number;
  readonly timing?: Partial<SimulatorTiming>;
}

interface Running {
  readonly cancel: () => void;
  readonly cm: number;
  readonly pm: number;
}

/** One-shot and standing faults a test or the technician panel can inject. */
interface LinkFaults {
  silent: boolean;
  nakCommands: number;
  corruptReplies: number;
  cutNextReply: boolean;
  garbageBeforeReply: Uint8Array | undefined;
  replyDelayMs: number;
}

/**
 * The certificate unit from the device's side of the same bytes: ACKs good command frames, NAKs
 * damaged ones, runs the command after its simulated motion, resends its reply on NAK, stops on
 * EOT, and enforces INIT-first after power-on. Citizen actions and faults are methods.
 */
export class CertificateUnitSimulator {
  readonly addr: number;
  readonly #model: UnitModel;
  readonly #timing: SimulatorTiming;
  readonly #changes = new Listeners<[CertificateUnitSimState]>();
  readonly #scanner = new FrameScanner();
  readonly #faults: LinkFaults = {
    silent: false,
    nakCommands: 0,
    corruptReplies: 0,
    cutNextReply: false,
    garbageBeforeReply: undefined,
    replyDelayMs: 0,
  };
  #pipe: BytePipe | undefined;
  #detach: (() => void) | undefined;
  #running: Running | undefined;
  /** The last reply until the host ACKs it, for resending on NAK. */
  #unacknowledged: Uint8Array | undefined;
  /** Every command frame received (CM, PM), for tests. */
  readonly commandLog: Array<{ readonly cm: number; readonly pm: number }> = [];

  constructor(options: CertificateUnitSimulatorOptions = {}) {
    this.addr = options.addr ?? 0;
    this.#model = new UnitModel(options);
    this.#timing = { ...REALISTIC_TIMING, ...options.timing };
  }

  get state(): CertificateUnitSimState {
    return this.#model.snapshot();
  }

  onChange(listener: (state: CertificateUnitSimState) => void): () => void {
    return this.#changes.add(listener);
  }

  /** Connects to a pipe (replacing any earlier one, as after a replug). Returns a detach function. */
  attach(pipe: BytePipe): () => void {
    this.#detach?.();
    this.#pipe = pipe;
    this.#scanner.reset();
    const offData = pipe.onData((chunk) => {
      for (const event of this.#scanner.push(chunk)) this.#handle(event);
    });
    const offClose = pipe.onClose(() => this.#cancelRunning());
    this.#detach = () => {
      offData();
      offClose();
      this.#cancelRunning();
      if (this.#pipe === pipe) this.#pipe = undefined;
      this.#detach = undefined;
    };
    return this.#detach;
  }

  async close(): Promise<void> {
    const pipe = this.#pipe;
    this.#detach?.();
    await pipe?.close();
  }

  // Citizen actions.

  /** The citizen pushes a permit into the gate; only works while insertion is enabled. */
  insertCard(permit: SimPermit): boolean {
    return this.#changed(this.#model.insert(permit));
  }

  takeCardFromGate(): SimCard | undefined {
    return this.#changed(this.#model.takeFromGate());
  }

  // Field staff's actions (maintenance: the magazine is opened and a slot filled or emptied by hand).

  /** Puts a certificate into magazine slot `slot` (1-based); false when the slot is taken or missing. */
  loadMagazineSlot(slot: number, certificate: MagazineCertificate): boolean {
    if (!Number.isInteger(slot) || slot < 1 || slot > this.#model.magazine.length || this.#model.magazine[slot - 1]) return false;
    this.#model.magazine[slot - 1] = certificate;
    this.#changed(undefined);
    return true;
  }

  /** Takes the certificate out of magazine slot `slot` by hand (an old one going back to the station). */
  unloadMagazineSlot(slot: number): MagazineCertificate | undefined {
    const certificate = this.#model.magazine[slot - 1];
    this.#model.magazine[slot - 1] = undefined;
    this.#changed(undefined);
    return certificate;
  }

  // Faults.

  /** The unit stops answering anything (no ACK, no reply), as when powered off behind the cable. */
  setSilent(silent: boolean): void {
    this.#faults.silent = silent;
  }

  nakNextCommands(count = 1): void {
    this.#faults.nakCommands = count;
  }

  /** The next `count` reply transmissions go out with a wrong BCC. */
  corruptNextReplies(count = 1): void {
    this.#faults.corruptReplies = count;
  }

  /** The next reply stops halfway, and the rest never comes. */
  cutNextReply(): void {
    this.#faults.cutNextReply = true;
  }

  garbageBeforeNextReply(bytes: Uint8Array): void {
    this.#faults.garbageBeforeReply = bytes;
  }

  /** Line noise now. */
  sendGarbage(bytes: Uint8Array): Promise<void> {
    return this.#write(bytes);
  }

  /** Extra delay before every reply (a slow or struggling unit). */
  setReplyDelay(ms: number): void {
    this.#faults.replyDelayMs = ms;
  }

  /** Pulls the cable: the pipe closes with an error on both ends when it can be severed. */
  disconnect(): void {
    const pipe = this.#pipe as (BytePipe & { sever?: () => void }) | undefined;
    this.#detach?.();
    if (pipe?.sever) pipe.sever();
    else void pipe?.close();
  }

  /** Power cycle: the unit forgets its INIT (and anything running). */
  powerCycle(): void {
    this.#cancelRunning();
    this.#model.initialised = false;
    this.#model.entryEnabled = false;
    this.#model.chipActive = false;
    this.#changed(undefined);
  }

  jam(): void {
    this.#setFault('jammed', true);
  }

  motorError(): void {
    this.#setFault('motorError', true);
  }

  ribbonOut(): void {
    this.#setFault('ribbonOut', true);
  }

  /** Chip writes fail from now on (reads still work), until clearFaults. */
  chipWriteFails(): void {
    this.#setFault('chipWriteFails', true);
  }

  /** The permit's chip does not answer at all (reads and writes), until clearFaults. */
  chipDead(): void {
    this.#setFault('chipDead', true);
  }

  fillRetainBin(): void {
    this.#model.retainCount = this.#model.retainCapacity;
    this.#changed(undefined);
  }

  /** The technician cleared jams, replaced the motor and ribbon and emptied the retain bin. */
  clearFaults(options: { readonly emptyRetainBin?: boolean } = {}): void {
    this.#model.faults = { jammed: false, motorError: false, ribbonOut: false, chipWriteFails: false, chipDead: false };
    if (options.emptyRetainBin) {
      this.#model.retainCount = 0;
      this.#model.retained = [];
    }
    this.#faults.silent = false;
    this.#changed(undefined);
  }

  #setFault(name: 'jammed' | 'motorError' | 'ribbonOut' | 'chipWriteFails' | 'chipDead', value: boolean): void {
    this.#model.faults = { ...this.#model.faults, [name]: value };
    this.#changed(undefined);
  }

  #changed<T>(value: T): T {
    this.#changes.emit(this.#model.snapshot());
    return value;
  }

  #handle(event: ScanEvent): void {
    if (this.#faults.silent) return;
    switch (event.kind) {
      case 'control':
        if (event.control === 'ack') this.#unacknowledged = undefined;
        else if (event.control === 'nak' && this.#unacknowledged) void this.#transmit(this.#unacknowledged);
        else if (event.control === 'eot') this.#cancelRunning();
        return;
      case 'corrupt':
        if (event.error.code === 'bad-bcc') void this.#write(Uint8Array.of(NAK));
        return;
      case 'noise':
        return;
      case 'frame': {
        const { frame } = event;
        if (frame.kind !== 'command' || frame.addr !== this.addr) return; // another unit's frame
        if (this.#faults.nakCommands > 0) {
          this.#faults.nakCommands--;
          void this.#write(Uint8Array.of(NAK));
          return;
        }
        if (this.#running) {
          // One command at a time, as the hardware: a second one while moving is refused.
          void this.#write(Uint8Array.of(NAK));
          return;
        }
        this.commandLog.push({ cm: frame.cm, pm: frame.pm });
        this.#unacknowledged = undefined;
        this.#start(frame.cm, frame.pm, frame.data);
        return;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled ${String(unreachable)}`);
      }
    }
  }

  #start(cm: number, pm: number, data: Uint8Array): void {
    const ack = (): void => void this.#write(Uint8Array.of(ACK));
    if (this.#timing.ackDelayMs > 0) setTimeout(ack, this.#timing.ackDelayMs);
    else ack();
    const notInitialised = !this.#model.initialised && cm !== 0x30;
    const motion: MotionKind = notInitialised ? 'status' : motionOf(cm, pm);
    const delay = this.#timing.ackDelayMs + this.#timing[motion] + this.#faults.replyDelayMs;
    const complete = (): void => {
      this.#running = undefined;
      // The state changes when the motion completes, so an EOT before then leaves it untouched.
      const reply = notInitialised ? ({ kind: 'failure', code: 'B0' } as const) : executeCommand(this.#model, cm, pm, data);
      const st = this.#model.statusBytes();
      const bytes =
        reply.kind === 'success' ? encodeSuccess(this.addr, cm, pm, st, reply.data) : encodeFailure(this.addr, cm, pm, reply.code);
      this.#changed(undefined);
      void this.#sendReply(bytes);
    };
    // setTimeout(0) still waits ~1 ms; with no simulated motion the reply goes out on the next turn.
    if (delay > 0) {
      const timer = setTimeout(complete, delay);
      this.#running = { cancel: () => clearTimeout(timer), cm, pm };
    } else {
      const immediate = setImmediate(complete);
      this.#running = { cancel: () => clearImmediate(immediate), cm, pm };
    }
  }

  async #sendReply(bytes: Uint8Array): Promise<void> {
    this.#unacknowledged = bytes;
    const garbage = this.#faults.garbageBeforeReply;
    this.#faults.garbageBeforeReply = undefined;
    if (garbage) await this.#write(garbage);
    if (this.#faults.cutNextReply) {
      this.#faults.cutNextReply = false;
      this.#unacknowledged = undefined;
      await this.#write(bytes.subarray(0, Math.ceil(bytes.length / 2)));
      return;
    }
    await this.#transmit(bytes);
  }

  /** Sends a reply (first time or resend), damaging its BCC while that fault is armed. */
  async #transmit(bytes: Uint8Array): Promise<void> {
    if (this.#faults.corruptReplies > 0) {
      this.#faults.corruptReplies--;
      const damaged = Uint8Array.from(bytes);
      damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0x5a;
      await this.#write(damaged);
      return;
    }
    await this.#write(bytes);
  }

  #cancelRunning(): void {
    if (!this.#running) return;
    this.#running.cancel();
    this.#running = undefined;
  }

  async #write(bytes: Uint8Array): Promise<void> {
    const pipe = this.#pipe;
    if (!pipe?.isOpen) return;
    try {
      await pipe.write(bytes);
    } catch {
      // The host went away; nothing to answer.
    }
  }
}
