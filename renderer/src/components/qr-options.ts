import type { QRCodeToDataURLOptions } from 'qrcode';

/**
 * How the payment QR code is drawn: medium error correction, the standard four-module quiet zone,
 * and pure black on white at a size a phone reads from arm's length. Shared with the e2e test,
 * which checks the drawn modules against the payload.
 */
export const QR_OPTIONS = {
  errorCorrectionLevel: 'M',
  margin: 4,
  width: 480,
  color: { dark: '#000000ff', light: '#ffffffff' },
} as const satisfies QRCodeToDataURLOptions;
