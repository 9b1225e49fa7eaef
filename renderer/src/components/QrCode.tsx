import { memo, useMemo } from 'react';
import { QR_OPTIONS } from './qr-options';
import { qrSymbolPath } from './qr-path';

export interface QrCodeProps {
  readonly payload: string;
  /** The image's accessible name (from the catalogue). */
  readonly label: string;
  /** Shown in place of the code when it cannot be drawn (from the catalogue). */
  readonly unavailable: string;
  /** Names the code for tests (`<testId>`, `<testId>-missing`). */
  readonly testId?: string;
}

/** A QR code drawn in the page from its text, as SVG painted with the screen itself. */
export const QrCode = memo(function QrCode({ payload, label, unavailable, testId = 'pay-qr' }: QrCodeProps) {
  const symbol = useMemo(() => qrSymbolPath(payload), [payload]);
  if (!symbol) {
    return (
      <p className="qr qr-missing" role="alert" data-testid={`${testId}-missing`}>
        {unavailable}
      </p>
    );
  }
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      width={QR_OPTIONS.width}
      height={QR_OPTIONS.width}
      viewBox={`0 0 ${symbol.side} ${symbol.side}`}
      shapeRendering="crispEdges"
      data-testid={testId}
    >
      <rect width={symbol.side} height={symbol.side} fill="#ffffff" />
      <path d={symbol.d} fill="#000000" />
    </svg>
  );
});
