/**
 * The self-test of a provisioned terminal: read the test card on the ID reader, print a self-test
 * slip (ports, versions, kiosk id, a QR of the same facts), initialise the certificate unit and
 * read its status and magazine, and check the camera (a frame from the first-boot screen's page, or
 * on the command line the V4L2 nodes only, camera-check.ts). Each check says
 * passed, failed (with why) or not tested (with why): a check that could not run is never
 * reported as passed. No personal data goes into the report: the card's number is masked.
 */
import { type Clock, systemClock } from '../../drivers/common/clock';
import { feed, qr, receipt, text } from '../../drivers/printer/document';
import { maskIdNumber } from '../../main/domain/id-number';
import type { KioskDevices } from '../../main/host/devices';
import { SOFTWARE_VERSION } from '../../main/host/version';
import { type CameraCheck, v4l2NodeCheck } from './camera-check';

export type CheckResult = 'passed' | 'failed' | 'not-tested';

export interface CheckReport {
  readonly result: CheckResult;
  readonly detail: string;
  readonly [fact: string]: unknown;
}

export interface SelfTestReport {
  readonly kind: 'self-test';
  readonly at: string;
  readonly kioskId: string;
  readonly softwareVersion: string;
  /** True when every check that ran passed and none that must run was left out. */
  readonly passed: boolean;
  readonly checks: {
    readonly idReader: CheckReport;
    readonly certificateUnit: CheckReport;
    readonly printer: CheckReport;
    readonly camera: CheckReport;
  };
  readonly durationMs: number;
}

export interface SelfTestInput {
  readonly kioskId: string;
  readonly devices: KioskDevices;
  /** Where each device is, as the configuration says (printed on the slip). */
  readonly ports: Readonly<Record<'idReader' | 'printer' | 'certificateUnit', string>>;
  /**
   * The camera check: the first-boot screen has the page take a frame; without one (the command
   * line) the V4L2 nodes are looked at and the camera is left not tested (camera-check.ts).
   */
  readonly camera?: CameraCheck;
  readonly clock?: Clock;
}

async function checkIdReader(devices: KioskDevices): Promise<CheckReport> {
  const read = await devices.idReader.readCard();
  if (!read.ok) return { result: 'failed', detail: `no test card read: ${read.reason}: ${read.message}`, reason: read.reason };
  return { result: 'passed', detail: 'test card read', cardType: read.value.cardType, idNumber: maskIdNumber(read.value.idNumber) };
}

async function checkCertificateUnit(devices: KioskDevices): Promise<CheckReport> {
  const unit = devices.certificateUnit;
  // INIT "leave the card where it is": the reset the kiosk makes at every start; it moves nothing.
  const reset = await unit.reset('leave');
  if (!reset.ok) return { result: 'failed', detail: `INIT failed: ${reset.reason}: ${reset.message}`, reason: reset.reason };
  const status = await unit.getStatus();
  const inventory = await unit.inventory();
  const facts = {
    firmware: reset.firmware,
    status: status.status,
    stock: status.stock,
    retainBin: status.retainBin,
    magazine: inventory.ok ? { slots: inventory.slots.length, loaded: inventory.loaded.length } : null,
  };
  if (!inventory.ok) return { result: 'failed', detail: `magazine inventory failed: ${inventory.reason}: ${inventory.message}`, ...facts };
  if (status.status === 'offline' || status.status === 'hardware-error') return { result: 'failed', detail: `unit ${status.status}: ${status.detail ?? ''}`.trim(), ...facts };
  if (status.retainBin === 'full') return { result: 'failed', detail: 'the retain bin is full', ...facts };
  return { result: 'passed', detail: `firmware ${reset.firmware}; ${facts.magazine?.loaded ?? 0} of ${facts.magazine?.slots ?? 0} magazine slots loaded`, ...facts };
}

interface Found {
  readonly unit: CheckReport;
  readonly reader: CheckReport;
  readonly camera: CheckReport;
}

function slip(input: SelfTestInput, at: string, { unit, reader, camera }: Found) {
  const facts = {
    kioskId: input.kioskId,
    at,
    software: SOFTWARE_VERSION,
    unitFirmware: unit.firmware ?? null,
    ports: input.ports,
    reader: reader.result,
    unit: unit.result,
    camera: camera.result,
  };
  return receipt([
    text('通办 自助终端 自检单', { align: 'centre', bold: true, doubleSize: true }),
    text('Tongban kiosk self-test', { align: 'centre' }),
    feed(1),
    text(`终端 Kiosk: ${input.kioskId}`),
    text(`时间 Time: ${at}`),
    text(`软件 Software: ${SOFTWARE_VERSION}`),
    text(`证件单元固件 Unit firmware: ${String(unit.firmware ?? '-')}`),
    text(`读卡器 ID reader: ${input.ports.idReader} (${reader.result})`),
    text(`打印机 Printer: ${input.ports.printer}`),
    text(`证件单元 Unit: ${input.ports.certificateUnit} (${unit.result})`),
    text(`摄像头 Camera: ${camera.width ? `${String(camera.width)}x${String(camera.height)} ` : ''}(${camera.result})`),
    qr(JSON.stringify(facts), { moduleSize: 4, errorCorrection: 'M' }),
  ]);
}

async function checkPrinter(input: SelfTestInput, at: string, found: Found): Promise<CheckReport> {
  const result = await input.devices.printer.print(slip(input, at, found));
  if (!result.ok) return { result: 'failed', detail: `self-test slip not printed: ${result.reason}: ${result.message}`, reason: result.reason, paper: result.status.paper };
  return { result: 'passed', detail: 'self-test slip printed', bytesSent: result.bytesSent, paper: result.statusAfter.paper };
}

export async function runSelfTest(input: SelfTestInput): Promise<SelfTestReport> {
  const clock = input.clock ?? systemClock;
  const started = clock.now();
  const at = new Date(started).toISOString();
  const idReader = await checkIdReader(input.devices);
  const certificateUnit = await checkCertificateUnit(input.devices);
  const camera = await (input.camera ?? (() => v4l2NodeCheck()))().catch((error: unknown): CheckReport => ({ result: 'failed', detail: `camera check failed: ${String(error)}` }));
  // Printed last, so the slip carries what the other checks found.
  const printer = await checkPrinter(input, at, { unit: certificateUnit, reader: idReader, camera });
  const checks = { idReader, certificateUnit, printer, camera };
  const passed = [idReader, certificateUnit, printer].every((check) => check.result === 'passed') && camera.result !== 'failed';
  return { kind: 'self-test', at, kioskId: input.kioskId, softwareVersion: SOFTWARE_VERSION, passed, checks, durationMs: clock.now() - started };
}
