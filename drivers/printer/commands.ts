/** Byte values of the ESC/POS subset in shared/contracts/receipt-printer-escpos.md. */
import type { Alignment, QrErrorCorrection } from './document';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export const INIT = Uint8Array.of(ESC, 0x40);
export const CHINESE_ON = Uint8Array.of(FS, 0x26);
export const CHINESE_OFF = Uint8Array.of(FS, 0x2e);

export const ALIGNMENT_CODES: Readonly<Record<Alignment, number>> = { left: 0, centre: 1, right: 2 };
export const QR_EC_CODES: Readonly<Record<QrErrorCorrection, number>> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** Character size byte for `1D 21 n`: high nibble width-1, low nibble height-1. */
export const SIZE_NORMAL = 0x00;
export const SIZE_DOUBLE = 0x11;
