import { type BytePipe, Listeners, TransportError } from './byte-pipe';

export interface InProcessPipeOptions {
  /**
   * Splits each write into chunks of at most this many bytes on the way across, as a UART or
   * USB bridge does; tests use 1 to prove that no code relies on whole frames arriving at once.
   */
  readonly maxChunk?: number;
}

class InProcessEnd implements BytePipe {
  readonly #data = new Listeners<[Uint8Array]>();
  readonly #close = new Listeners<[Error | undefined]>();
  #open = true;
  peer: InProcessEnd | undefined;

  constructor(
    readonly description: string,
    private readonly maxChunk: number,
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.#open || !this.peer) throw new TransportError('closed', `${this.description} is closed`);
    const peer = this.peer;
    const copy = Uint8Array.from(data);
    // Delivered on a later tick, like bytes on a wire: a writer never sees its own reply re-entrantly.
    for (let offset = 0; offset < copy.length; offset += this.maxChunk) {
      const chunk = copy.subarray(offset, offset + this.maxChunk);
      setImmediate(() => peer.deliver(chunk));
    }
  }

  deliver(chunk: Uint8Array): void {
    if (this.#open) this.#data.emit(chunk);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.#close.add(listener);
  }

  async close(): Promise<void> {
    this.shutdown(undefined);
    this.peer?.shutdown(undefined);
  }

  /** Simulates the cable being pulled: both ends see a close with an error. */
  sever(): void {
    const error = new TransportError('closed', `${this.description} disconnected`);
    this.shutdown(error);
    this.peer?.shutdown(error);
  }

  shutdown(error: Error | undefined): void {
    if (!this.#open) return;
    this.#open = false;
    this.#close.emit(error);
    this.#data.clear();
    this.#close.clear();
  }
}

export interface InProcessPipePair {
  /** The host (driver) side. */
  readonly host: BytePipe & { sever(): void };
  /** The device (simulator) side. */
  readonly device: BytePipe & { sever(): void };
}

/** Two connected ends of an in-memory byte pipe. */
export function createInProcessPipePair(name = 'in-process', options: InProcessPipeOptions = {}): InProcessPipePair {
  const maxChunk = Math.max(1, options.maxChunk ?? 4096);
  const host = new InProcessEnd(`${name}:host`, maxChunk);
  const device = new InProcessEnd(`${name}:device`, maxChunk);
  host.peer = device;
  device.peer = host;
  return { host, device };
}
