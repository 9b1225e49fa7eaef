/**
 * A central simulator on a free port, driven by a manual clock, with the kiosk's typed client
 * pointed at it. Time moves only when a test says so, so auto-pay and expiry are exact.
 */
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { CentralApi } from '../../../main/host/central/central-api';
import { CentralClient } from '../../../main/host/sync/central-client';
import { CentralSimulator, type CentralSimulatorOptions } from '../../../simulators/central/server';
import { ManualClock } from '../../support/manual-clock';

export const KIOSK = 'GD-GZ-0001';
/** 2026-03-01 10:00 in China: the test data's permits are valid, the HK/Macau/Taiwan card is not. */
export const T0 = Date.parse('2026-03-01T02:00:00Z');

const running: CentralSimulator[] = [];
afterEach(async () => {
  for (const central of running.splice(0)) await central.stop();
});

export interface CentralRig {
  readonly central: CentralSimulator;
  readonly clock: ManualClock;
  readonly api: CentralApi;
  readonly client: CentralClient;
  readonly secret: string;
  /** A client for another kiosk id with its own secret (known to this central). */
  readonly otherApi: CentralApi;
}

export async function startCentral(
  options: Partial<CentralSimulatorOptions> & { clock?: ManualClock; secret?: string } = {},
): Promise<CentralRig> {
  const { secret: given, ...simulatorOptions } = options;
  const clock = options.clock ?? new ManualClock(T0);
  const secret = given ?? randomBytes(32).toString('base64');
  const otherSecret = randomBytes(32).toString('base64');
  const central = new CentralSimulator({ dbFile: ':memory:', ...simulatorOptions, secrets: { [KIOSK]: secret, 'GD-SZ-0002': otherSecret }, clock });
  const baseUrl = await central.start();
  running.push(central);
  const now = () => clock.now();
  const client = new CentralClient({ baseUrl, kioskId: KIOSK, secret, now, requestTimeoutMs: 5000 });
  const other = new CentralClient({ baseUrl, kioskId: 'GD-SZ-0002', secret: otherSecret, now, requestTimeoutMs: 5000 });
  return { central, clock, api: new CentralApi(client), client, secret, otherApi: new CentralApi(other) };
}

/** Unwraps a result a test expects to succeed, with central's message when it did not. */
export function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.message}`);
  return result.value;
}
