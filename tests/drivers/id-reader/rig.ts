/** Shared set-up for the ID reader failure-mode tests: a simulator, an opener, a driver. */
import { afterEach } from 'vitest';
import { IdReaderDriver, type IdReaderDriverOptions } from '../../../drivers/id-reader/driver';
import type { BytePipe, PipeOpener } from '../../../drivers/transport/byte-pipe';
import { IdReaderSimulator, type IdReaderSimulatorOptions } from '../../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../../simulators/id-reader/simulated-opener';

/** Short injected timeouts, for the tests that are about timeouts: they wait milliseconds, not seconds. */
export const FAST = { findMs: 80, readMs: 150, readFingerprintMs: 200 } as const;

/**
 * Every other test: long enough that a loaded CI machine never turns a simulator's answer into a
 * timeout; a test expecting an answer gets it long before these run out.
 */
const RELAXED = { findMs: 1000, readMs: 2000, readFingerprintMs: 2000 } as const;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(step: () => Promise<void>): void {
  cleanups.push(step);
}

export interface RigOptions {
  readonly maxChunk?: number;
  readonly transport?: 'serial' | 'hid';
  readonly simulator?: IdReaderSimulatorOptions;
  readonly driver?: IdReaderDriverOptions;
}

export interface Rig {
  readonly driver: IdReaderDriver;
  readonly sim: IdReaderSimulator;
  /** Host ends the opener handed out, oldest first (one per (re)connection). */
  readonly links: BytePipe[];
  /** Every byte the host received, across links. */
  readonly received: number[];
  /** Makes the opener fail (the port is gone) until set back to false. */
  unplugged: boolean;
}

export function rig(options: RigOptions = {}): Rig {
  const sim = new IdReaderSimulator(undefined, options.simulator);
  const inner = simulatedIdReaderOpener(sim, {
    ...(options.maxChunk ? { maxChunk: options.maxChunk } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const links: BytePipe[] = [];
  const received: number[] = [];
  const control = { unplugged: false };
  const opener: PipeOpener = async () => {
    if (control.unplugged) throw new Error('ENOENT: no such port /dev/ttyUSB-test');
    const host = await inner();
    host.onData((chunk) => received.push(...chunk));
    links.push(host);
    return host;
  };
  const driver = new IdReaderDriver(opener, { ...options.driver, timeouts: { ...RELAXED, ...options.driver?.timeouts } });
  cleanups.push(async () => {
    await driver.close();
    await sim.close();
  });
  return {
    driver,
    sim,
    links,
    received,
    get unplugged() {
      return control.unplugged;
    },
    set unplugged(value: boolean) {
      control.unplugged = value;
    },
  };
}

export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
