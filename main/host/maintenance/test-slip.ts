import { feed, qr, receipt, text } from '../../../drivers/printer/document';
import type { ReceiptDocument } from '../../../drivers/printer/document';
import type { KioskDevices } from '../devices';
import { SOFTWARE_VERSION } from '../version';

/**
 * The slip a technician prints to see the printer work: kiosk, time, version and each device's
 * state, a QR code of the kiosk id (the scanner at the counter reads it). Words from the catalogues.
 */
export function testSlip(
  t: (key: string, values?: Readonly<Record<string, string | number>>) => string,
  kioskId: string,
  nowMs: number,
  devices: KioskDevices,
): ReceiptDocument {
  return receipt([
    text(t('receipt.kioskTitle'), { align: 'centre', bold: true }),
    text(t('receipt.testSlip.title'), { align: 'centre', bold: true, doubleSize: true }),
    feed(1),
    text(t('receipt.kiosk', { kioskId })),
    text(t('receipt.time', { time: new Date(nowMs).toISOString().replace('T', ' ').slice(0, 16) })),
    text(t('receipt.testSlip.version', { version: SOFTWARE_VERSION })),
    text(t('receipt.testSlip.devices', { idReader: devices.idReader.status.status, printer: devices.printer.status.status, unit: devices.certificateUnit.status.status })),
    feed(1),
    qr(kioskId, { moduleSize: 5 }),
  ]);
}
