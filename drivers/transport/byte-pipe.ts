/**
 * A byte pipe is the only thing a driver or a simulator knows about the link to the other side.
 * Serial ports, HID reports and in-process pipes all look like this, so a driver never knows
 * whether it talks to a real device or a simulator.
 */
export interface BytePipe {
  /** Sends bytes; rejects with a TransportError when the pipe is closed or the port failed. */
  write(data: Uint8Array): Promise<void>;
  /** Subscribes to incoming chunks (arbitrary split points). Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the pipe closes: `error` is set when the port went away (unplugged). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
  /** Human-readable description of the link, e.g. `serial:/dev/ttyUSB0@115200`. */
  readonly description: string;
}

/** Opens a pipe; drivers call it again to reconnect after a port disappears. */
export type PipeOpener = () => Promise<BytePipe>;

export type TransportErrorCode = 'closed' | 'open-failed' | 'write-failed';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A small listener set shared by the pipe implementations. */
export class Listeners<T extends unknown[]> {
  readonly #set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  emit(...args: T): void {
    for (const listener of [...this.#set]) listener(...args);
  }
  clear(): void {
    this.#set.clear();
  }
}
