/**
 * The maintenance tests' host and hands: a real host on the simulators and the embedded central,
 * the screen API called as the screen does, a card laid on and lifted off the simulated reader,
 * the PIN typed, and the records central received. Hosts started here are stopped by `stopHosts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { CommandName, KioskView } from '../../../main/api/contract';
import type { MaintenanceCommand, MaintenanceView } from '../../../main/api/maintenance-contract';
import { type Host, startHost } from '../../../main/host/host';
import { TEST_STAFF } from '../../../simulators/central/test-registry-records';
import type { TestCardName } from '../../../simulators/id-reader/test-cards';
import { SimulatedCamera } from '../../../simulators/camera/simulated-camera';
import type { ManualClock } from '../../support/manual-clock';
import { layCard, takeCardOff } from '../../support/reader-hands';

export const KIOSK = 'GD-GZ-0001';
export const officer = TEST_STAFF[0]!;
export const auxiliary = TEST_STAFF[1]!;

const running = new Set<Host>();

export async function start(options: { dataDir?: string; clock?: ManualClock; exportDir?: string } = {}): Promise<Host> {
  const host = await startHost({
    camera: new SimulatedCamera(),
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'maintenance-')),
    config: simulatorConfig({ sync: { intervalMs: 100, heartbeatIntervalS: 3600 } }),
    log: pino({ level: process.env.DEBUG_MAINT ? 'info' : 'silent' }),
    clock: options.clock,
    ...(options.exportDir ? { exportDir: options.exportDir } : {}),
  });
  running.add(host);
  return host;
}

export async function stopHost(host: Host): Promise<void> {
  running.delete(host);
  await host.stop();
}

/** For afterEach: every host a test left running. */
export async function stopHosts(): Promise<void> {
  for (const host of [...running]) await stopHost(host);
}

export async function call<T>(h: Host, command: CommandName, args: unknown): Promise<T> {
  const reply = await h.api.handle({ kind: 'request', id: 1, command, args });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { messageKey: reply.error.messageKey });
  return reply.result as T;
}
export const view = (h: Host) => call<MaintenanceView>(h, 'getMaintenance', {});
export const act = (h: Host, command: MaintenanceCommand) => call<MaintenanceView>(h, 'maintenance', command);
export const kiosk = (h: Host) => call<KioskView>(h, 'getKiosk', {});
export type Open = Extract<MaintenanceView, { step: 'open' }>;
export const opened = async (h: Host): Promise<Open> => {
  const v = await view(h);
  if (v.step !== 'open') throw new Error(`maintenance is at ${v.step}`);
  return v;
};

/**
 * Lays a card on the reader (taking off the one there first, as hands do); the idle watch polls
 * every second (the clock moves it on, if manual) and maintenance leaves `closed`.
 */
export async function lay(h: Host, card: TestCardName, clock?: ManualClock): Promise<void> {
  await layCard(h, card, clock);
  await expect
    .poll(async () => {
      if (clock) await clock.advanceAsync(1000);
      return (await view(h)).step;
    }, { timeout: 10_000 })
    .not.toBe('closed');
}

/** Takes the card off the reader and waits until the idle watch has seen the reader empty. */
export const lift = takeCardOff;

export async function typePin(h: Host, pin: string): Promise<MaintenanceView> {
  for (const key of pin) await act(h, { action: 'pin-key', key });
  return act(h, { action: 'pin-confirm' });
}

/** Records central has stored for this kiosk, decoded. */
export const centralRecords = (h: Host) => h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> });
export const audits = (h: Host) => centralRecords(h).filter((r) => r.kind === 'audit');
export async function delivered(h: Host, kind: string, action?: string): Promise<Record<string, unknown>> {
  h.sync.kick();
  await expect.poll(() => centralRecords(h).some((r) => r.kind === kind && (action === undefined || r.payload.action === action)), { timeout: 10_000 }).toBe(true);
  return centralRecords(h).findLast((r) => r.kind === kind && (action === undefined || r.payload.action === action))!.payload;
}

/** Waits for the staff list, lays the officer's card, types the PIN: maintenance is open. */
export async function enter(h: Host, clock?: ManualClock): Promise<Open> {
  await expect.poll(() => h.central!.requests.some((r) => r.path.endsWith('/staff') && r.status === 200), { timeout: 10_000 }).toBe(true);
  await lay(h, 'staff-officer', clock);
  expect(await view(h)).toMatchObject({ step: 'pin', staffId: officer.staffId, attemptsLeft: 5 });
  const v = await typePin(h, officer.pin);
  expect(v.step).toBe('open');
  return v as Open;
}
