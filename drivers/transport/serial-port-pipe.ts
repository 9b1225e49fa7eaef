import { SerialPort } from 'serialport';
import { type BytePipe, Listeners, TransportError } from './byte-pipe';

export interface SerialPipeOptions {
  readonly path: string;
  /** 115200 8N1 unless a device's configuration says otherwise. */
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
}

/** Opens a serial port (RS-232, USB-serial bridge or a pty) as a byte pipe. */
export async function openSerialPipe(options: SerialPipeOptions): Promise<BytePipe> {
  const baudRate = options.baudRate ?? 115200;
  const description = `serial:${options.path}@${baudRate}`;
  const port = new SerialPort({
    path: options.path,
    baudRate,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((error) =>
      error
        ? reject(new TransportError('open-failed', `cannot open ${description}: ${error.message}`, { cause: error }))
        : resolve(),
    );
  });

  const data = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let open = true;
  port.on('data', (chunk: Buffer) => data.emit(new Uint8Array(chunk)));
  port.on('error', () => {
    // Errors are reported through the close event that follows; a stray error must not crash.
  });
  port.on('close', (error?: Error | null) => {
    if (!open) return;
    open = false;
    // A close that we did not ask for (USB unplugged) carries the reason.
    closed.emit(error ?? new TransportError('closed', `${description} closed unexpectedly`));
    data.clear();
    closed.clear();
  });

  return {
    description,
    get isOpen() {
      return open;
    },
    write(bytes: Uint8Array) {
      if (!open) return Promise.reject(new TransportError('closed', `${description} is closed`));
      return new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => {
          if (error) reject(new TransportError('write-failed', `write to ${description} failed: ${error.message}`));
          else port.drain(() => resolve());
        });
      });
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed.add(listener),
    close() {
      if (!open) return Promise.resolve();
      open = false;
      closed.emit(undefined);
      data.clear();
      closed.clear();
      return new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
