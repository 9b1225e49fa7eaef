import type { PrinterDriver } from '../../../../drivers/printer/driver';
import type { TemporaryCertificate } from '../../central/central-schemas';
import { type SlipOptions, temporaryCertificateDocument } from '../../printing/temporary-certificate';

export type SlipPrintResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Prints the temporary identity certificate (临时身份证明) on the receipt printer. The flow sees
 * only this port (tests put a failing or counting one in); the slip's layout is its own module.
 */
export type CertificateSlipPrinter = (certificate: TemporaryCertificate, options: SlipOptions) => Promise<SlipPrintResult>;

/** The official slip (main/host/printing), printed through the driver; a slip that cannot be composed is not printed. */
export function certificateSlipPrinter(printer: Pick<PrinterDriver, 'print'>): CertificateSlipPrinter {
  return async (certificate, options) => {
    const slip = temporaryCertificateDocument(certificate, undefined, options);
    if (!slip.ok) return { ok: false, reason: slip.error.code };
    const printed = await printer.print(slip.document);
    return printed.ok ? { ok: true } : { ok: false, reason: printed.reason };
  };
}
