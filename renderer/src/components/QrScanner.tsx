import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../translation';

/** How often a frame is looked at: quick enough to feel immediate, light on a kiosk's CPU. */
const SCAN_INTERVAL_MS = 200;
/** Frames are scaled down to this width before decoding: a receipt's QR fills much of the view. */
const SCAN_WIDTH = 480;

export interface QrScannerProps {
  /** Whether a decoded text is what this step wants (a pickup code); others are ignored. */
  readonly accept: (text: string) => boolean;
  /** Called once with the first accepted text; the camera is released right after. */
  readonly onCode: (text: string) => void;
  /** i18n keys: what to do, and what to say when no camera can be opened. */
  readonly hintKey: string;
  readonly unavailableKey: string;
}

type ScanState = 'starting' | 'scanning' | 'unavailable' | 'done';

/**
 * Reads a QR code shown to the kiosk's camera, in the page: getUserMedia into a video, frames
 * drawn on a canvas and decoded with jsQR. Nothing leaves the page but the accepted text. The
 * camera is released when the code is read or the component goes away.
 */
export function QrScanner({ accept, onCode, hintKey, unavailableKey }: QrScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScanState>('starting');
  // The latest callbacks, without restarting the camera when the parent renders again.
  const handlers = useRef({ accept, onCode });
  handlers.current = { accept, onCode };

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const stop = () => {
      stopped = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    const scan = () => {
      const element = video.current;
      if (!element || !context || element.readyState < element.HAVE_CURRENT_DATA || element.videoWidth === 0) return;
      canvas.width = Math.min(SCAN_WIDTH, element.videoWidth);
      canvas.height = Math.round((canvas.width / element.videoWidth) * element.videoHeight);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (!found || !handlers.current.accept(found.data)) return;
      stop();
      setState('done');
      handlers.current.onCode(found.data);
    };
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
        if (stopped || !video.current) return stop();
        video.current.srcObject = stream;
        await video.current.play();
        setState('scanning');
        timer = setInterval(scan, SCAN_INTERVAL_MS);
      } catch {
        if (!stopped) setState('unavailable');
      }
    })();
    return stop;
  }, []);

  return (
    <div className={`qr-scanner qr-scanner-${state}`} data-testid="qr-scanner" data-state={state}>
      <video ref={video} className="qr-scanner-view" muted playsInline aria-hidden="true" />
      <p className="hint" role={state === 'unavailable' ? 'status' : undefined}>
        {t(state === 'unavailable' ? unavailableKey : hintKey)}
      </p>
    </div>
  );
}
