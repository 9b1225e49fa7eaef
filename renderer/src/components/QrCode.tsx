import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { QR_OPTIONS } from './qr-options';

export interface QrCodeProps {
  readonly payload: string;
  /** The image's accessible name (from the catalogue). */
  readonly label: string;
  /** Shown in place of the code when it cannot be drawn (from the catalogue). */
  readonly unavailable: string;
  /** Names the code for tests (`<testId>`, `<testId>-missing`). */
  readonly testId?: string;
}

type Drawn = { readonly payload: string; readonly url: string | null };

/** A QR code drawn in the page from its text, as an image (a data URL, which the CSP allows). */
export function QrCode({ payload, label, unavailable, testId = 'pay-qr' }: QrCodeProps) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(payload, QR_OPTIONS).then(
      (url) => live && setDrawn({ payload, url }),
      () => live && setDrawn({ payload, url: null }),
    );
    return () => {
      live = false;
    };
  }, [payload]);
  // A code drawn for an earlier payload is never shown for a new one.
  const current = drawn?.payload === payload ? drawn : null;
  if (current?.url) {
    return <img className="qr" src={current.url} alt={label} width={QR_OPTIONS.width} height={QR_OPTIONS.width} data-testid={testId} />;
  }
  if (current) {
    return (
      <p className="qr qr-missing" role="alert" data-testid={`${testId}-missing`}>
        {unavailable}
      </p>
    );
  }
  return <div className="qr qr-pending" role="img" aria-label={label} aria-busy="true" />;
}
