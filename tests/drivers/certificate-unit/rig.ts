import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { CertificateUnitDriverOptions, CertificateUnitTimeouts } from '../../../drivers/certificate-unit/types';
import type { PipeOpener } from '../../../drivers/transport/byte-pipe';
import {
  createInProcessPipePair,
  type InProcessPipeOptions,
  type InProcessPipePair,
} from '../../../drivers/transport/in-process-pipe';
import {
  CertificateUnitSimulator,
  type CertificateUnitSimulatorOptions,
  ZERO_TIMING,
} from '../../../simulators/certificate-unit/simulator';

/**
 * Short timeouts so failure-mode tests finish in milliseconds instead of seconds. The ACK wait is
 * the longest of them: a missed ACK makes the driver resend, and a loaded CI machine must not
 * turn a simulator's prompt ACK into a resend.
 */
export const FAST_TIMEOUTS = {
  ackMs: 150,
  quickReplyMs: 250,
  moveReplyMs: 400,
  initReplyMs: 400,
  rfReplyMs: 250,
  printReplyMs: 400,
  dispenseReplyMs: 400,
  pollIntervalMs: 5,
} as const satisfies Partial<CertificateUnitTimeouts>;

export interface RigOptions {
  readonly sim?: CertificateUnitSimulatorOptions;
  readonly pipe?: InProcessPipeOptions;
  readonly driver?: CertificateUnitDriverOptions;
  readonly addr?: number;
}

/** A driver and a simulator joined by in-process pipes, with a tap on the bytes in both directions. */
export function createRig(options: RigOptions = {}) {
  const sim = new CertificateUnitSimulator({ timing: ZERO_TIMING, ...options.sim });
  const pairs: InProcessPipePair[] = [];
  const hostWrote: number[] = [];
  const deviceWrote: number[] = [];
  const opener: PipeOpener = async () => {
    const pair = createInProcessPipePair('certificate-unit', options.pipe);
    pairs.push(pair);
    // Tap before the simulator subscribes, so the record is in wire order.
    pair.device.onData((chunk) => hostWrote.push(...chunk));
    pair.host.onData((chunk) => deviceWrote.push(...chunk));
    sim.attach(pair.device);
    return pair.host;
  };
  const driver = new CertificateUnitDriver(opener, options.addr ?? 0, {
    ...options.driver,
    timeouts: { ...FAST_TIMEOUTS, ...options.driver?.timeouts },
  });
  return {
    sim,
    driver,
    pairs,
    /** Bytes the driver sent, as the unit received them. */
    hostWrote,
    /** Bytes the unit sent, as the driver received them. */
    deviceWrote,
    async close(): Promise<void> {
      await driver.close();
      await sim.close();
    },
  };
}

export type Rig = ReturnType<typeof createRig>;

export function bytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.trim().split(/\s+/), (h) => Number.parseInt(h, 16));
}

/** How many times `needle` occurs in `haystack` as a contiguous run. */
export function countOccurrences(haystack: readonly number[], needle: Uint8Array): number {
  let count = 0;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    count++;
  }
  return count;
}

/** Waits until `predicate` holds, polling every few ms; fails the test after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets bytes already written reach the other end (the in-process pipe delivers on setImmediate). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}
