/**
 * A byte pipe over USB-HID reports (GA 467 readers in HID mode). The report framing lives in
 * hid-reports.ts as pure functions; this file only adapts a report device to a BytePipe, opens
 * node-hid, and offers an in-process report link so drivers are tested over HID framing.
 */
import { type BytePipe, Listeners, TransportError } from './byte-pipe';
import { HidFrameReassembler, reportPayload, toReports } from './hid-reports';

/** Anything that moves whole reports: node-hid, or the in-process test double. */
export interface HidReportDevice {
  write(report: Uint8Array): Promise<void>;
  onReport(listener: (report: Uint8Array) => void): () => void;
  /** Called once when the device goes away (`error` set) or is closed. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

export interface HidPipeOptions {
  /**
   * The contract says reports are read back with the report ID first. Some hidapi back ends
   * drop the ID of unnumbered reports; such a deployment sets this to false.
   */
  readonly readsHaveReportId?: boolean;
}

/** Wraps a report device as a byte pipe: frames out as 64-byte reports, frame bytes in. */
export function createHidPipe(device: HidReportDevice, description: string, options: HidPipeOptions = {}): BytePipe {
  const hasReportId = options.readsHaveReportId ?? true;
  const reassembler = new HidFrameReassembler();
  const data = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let open = device.isOpen;
  const offReport = device.onReport((report) => {
    const bytes = reassembler.push(reportPayload(report, hasReportId));
    if (bytes.length > 0 && open) data.emit(bytes);
  });
  const finish = (error: Error | undefined) => {
    if (!open) return;
    open = false;
    offReport();
    closed.emit(error);
    data.clear();
    closed.clear();
  };
  device.onClose((error) => finish(error ?? new TransportError('closed', `${description} closed unexpectedly`)));
  return {
    description,
    get isOpen() {
      return open;
    },
    async write(bytes: Uint8Array) {
      if (!open) throw new TransportError('closed', `${description} is closed`);
      try {
        for (const report of toReports(bytes)) await device.write(report);
      } catch (error) {
        if (error instanceof TransportError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new TransportError('write-failed', `write to ${description} failed: ${message}`, { cause: error });
      }
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed.add(listener),
    async close() {
      if (!open) return;
      finish(undefined);
      await device.close().catch(() => undefined);
    },
  };
}

export interface OpenHidPipeOptions extends HidPipeOptions {
  /** The hidraw path node-hid lists for the reader, e.g. `/dev/hidraw3`. */
  readonly path: string;
}

/** Opens a reader in HID mode through node-hid (loaded only here, so tests need no native module). */
export async function openHidPipe(options: OpenHidPipeOptions): Promise<BytePipe> {
  const description = `hid:${options.path}`;
  let hid: import('node-hid').HIDAsync;
  try {
    const { HIDAsync } = await import('node-hid');
    hid = await HIDAsync.open(options.path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TransportError('open-failed', `cannot open ${description}: ${message}`, { cause: error });
  }
  const reports = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let open = true;
  const end = (error: Error | undefined) => {
    if (!open) return;
    open = false;
    closed.emit(error);
    reports.clear();
    closed.clear();
  };
  hid.on('data', (chunk: Buffer) => reports.emit(new Uint8Array(chunk)));
  // node-hid reports an unplugged device as a read error; that is our close with a reason.
  hid.on('error', (error: unknown) => {
    end(new TransportError('closed', `${description} disconnected: ${error instanceof Error ? error.message : String(error)}`));
    void hid.close().catch(() => undefined);
  });
  const device: HidReportDevice = {
    get isOpen() {
      return open;
    },
    async write(report) {
      await hid.write(Buffer.from(report));
    },
    onReport: (listener) => reports.add(listener),
    onClose: (listener) => closed.add(listener),
    async close() {
      end(undefined);
      await hid.close();
    },
  };
  return createHidPipe(device, description, options);
}

/** One direction's record in the in-process HID link, for tests to check the report framing. */
export interface RecordedReport {
  readonly direction: 'host-to-device' | 'device-to-host';
  readonly report: Uint8Array;
}

class InProcessReportEnd implements HidReportDevice {
  readonly #reports = new Listeners<[Uint8Array]>();
  readonly #closed = new Listeners<[Error | undefined]>();
  #open = true;
  peer: InProcessReportEnd | undefined;

  constructor(
    readonly name: string,
    private readonly direction: RecordedReport['direction'],
    private readonly log: RecordedReport[],
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  async write(report: Uint8Array): Promise<void> {
    const peer = this.peer;
    if (!this.#open || !peer) throw new TransportError('closed', `${this.name} is closed`);
    const copy = Uint8Array.from(report);
    this.log.push({ direction: this.direction, report: copy });
    // A report crosses the bus on a later tick, like bytes on a wire.
    setImmediate(() => peer.deliver(copy));
  }

  deliver(report: Uint8Array): void {
    if (this.#open) this.#reports.emit(report);
  }

  onReport(listener: (report: Uint8Array) => void): () => void {
    return this.#reports.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.#closed.add(listener);
  }

  async close(): Promise<void> {
    this.shutdown(undefined);
    this.peer?.shutdown(undefined);
  }

  shutdown(error: Error | undefined): void {
    if (!this.#open) return;
    this.#open = false;
    this.#closed.emit(error);
    this.#reports.clear();
    this.#closed.clear();
  }
}

export interface InProcessHidPair {
  /** The host (driver) side: a BytePipe over HID reports. */
  readonly host: BytePipe & { sever(): void };
  /** The device (simulator) side, which frames and reassembles the same way. */
  readonly device: BytePipe & { sever(): void };
  /** Every report that crossed the link, in order. */
  readonly reports: readonly RecordedReport[];
}

/** Two ends of an in-memory USB-HID link: bytes in, 64-byte reports across, bytes out. */
export function createInProcessHidPair(name = 'in-process-hid'): InProcessHidPair {
  const log: RecordedReport[] = [];
  const hostEnd = new InProcessReportEnd(`${name}:host`, 'host-to-device', log);
  const deviceEnd = new InProcessReportEnd(`${name}:device`, 'device-to-host', log);
  hostEnd.peer = deviceEnd;
  deviceEnd.peer = hostEnd;
  const sever = () => {
    const error = new TransportError('closed', `${name} disconnected`);
    hostEnd.shutdown(error);
    deviceEnd.shutdown(error);
  };
  const host = Object.assign(createHidPipe(hostEnd, `hid:${name}:host`), { sever });
  const device = Object.assign(createHidPipe(deviceEnd, `hid:${name}:device`), { sever });
  return { host, device, reports: log };
}
