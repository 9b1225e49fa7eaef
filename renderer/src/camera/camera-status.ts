/**
 * The camera's condition as this page finds it, reported to the host (device availability and the
 * heartbeat: a dead camera hides the services that need it). The page checks at start, when a
 * camera is plugged in or out, and every CAMERA_WATCH.idleCheckMs while the kiosk is idle (the
 * attract screen), so a camera that dies between citizens is noticed before the next one picks a
 * service that needs it. During a camera step the step itself reports what it sees (no frames,
 * covered) and the periodic check leaves the camera alone.
 */
import type { CameraCondition } from '../../../main/api/camera-contract';
import { takeFrameFigures } from './frame-check';

export interface CameraFinding {
  readonly condition: CameraCondition;
  readonly detail: string;
}

export const CAMERA_WATCH = {
  /** How often the idle kiosk opens the camera to see that it still gives a picture. */
  idleCheckMs: 30_000,
  /** A camera that opens but gives no first picture in this long gives no frames. */
  firstFrameMs: 4_000,
} as const;

/**
 * Opens the camera, waits for its picture and closes it (the self-test's frame-check.ts does
 * that): offline when it cannot be opened (unplugged, refused, busy), no-frames when it opens but
 * no picture comes. A dark picture is not judged here: the camera step tells covered apart.
 */
export async function probeCamera(firstFrameMs: number = CAMERA_WATCH.firstFrameMs): Promise<CameraFinding> {
  const figures = await takeFrameFigures(firstFrameMs);
  if (!figures.taken) return { condition: figures.condition, detail: figures.detail };
  return { condition: 'online', detail: `${figures.width}x${figures.height}` };
}

export interface CameraWatchOptions {
  /** True while the kiosk is idle (the attract screen): only then does the periodic check run. */
  readonly isIdle: () => boolean;
  /** The check (probeCamera unless a test gives another). */
  readonly probe?: () => Promise<CameraFinding>;
  readonly idleCheckMs?: number;
  /** Where plug and unplug events come from (navigator.mediaDevices). */
  readonly devices?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
}

/**
 * Checks now, whenever a camera is plugged in or out, and periodically while idle; each finding is
 * reported (the host also learns it again after it restarted). One check at a time: a plug event
 * during a check runs one more after it. Returns the unsubscribe function.
 */
export function watchCamera(report: (condition: CameraCondition, detail: string) => void, options: CameraWatchOptions): () => void {
  const probe = options.probe ?? (() => probeCamera());
  const devices = options.devices === undefined && typeof navigator !== 'undefined' ? navigator.mediaDevices : options.devices;
  let stopped = false;
  let running = false;
  let again = false;
  const check = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void probe()
      .catch((error: unknown): CameraFinding => ({ condition: 'offline', detail: error instanceof Error ? error.message.slice(0, 200) : 'the camera check failed' }))
      .then((found) => {
        running = false;
        if (stopped) return;
        report(found.condition, found.detail);
        if (again) {
          again = false;
          check();
        }
      });
  };
  const onTick = () => {
    if (options.isIdle()) check();
  };
  check();
  const ticker = setInterval(onTick, options.idleCheckMs ?? CAMERA_WATCH.idleCheckMs);
  devices?.addEventListener?.('devicechange', check);
  return () => {
    stopped = true;
    clearInterval(ticker);
    devices?.removeEventListener?.('devicechange', check);
  };
}
