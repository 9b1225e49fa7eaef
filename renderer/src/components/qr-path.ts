import QRCode from 'qrcode';
import { QR_OPTIONS } from './qr-options';

/** A QR symbol as vector: its side in modules (quiet zone included) and its dark modules as one SVG path. */
export interface QrSymbolPath {
  readonly side: number;
  readonly d: string;
}

/**
 * The symbol for `payload` as one SVG path, a run of dark modules in a row being one rectangle
 * (no canvas, no image to encode and decode: the code is painted with the screen). Null when the
 * payload cannot be encoded (too long for any version).
 */
export function qrSymbolPath(payload: string): QrSymbolPath | null {
  let modules: { readonly size: number; get(row: number, column: number): number | boolean };
  try {
    ({ modules } = QRCode.create(payload, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel }));
  } catch {
    return null;
  }
  const { margin } = QR_OPTIONS;
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push(`M${start + margin} ${row + margin}h${column - start}v1h${start - column}z`);
    }
  }
  return { side: modules.size + 2 * margin, d: runs.join('') };
}
