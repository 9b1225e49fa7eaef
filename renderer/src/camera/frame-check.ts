/**
 * One frame from the page's camera for the self-test (the first-boot screen): open the camera,
 * let it run a few frames (a webcam's first frames are dark while its exposure settles), measure
 * the frame's size and light, close the camera. No face models, no pixels leave the page: only
 * the figures, which the host judges (covered or not).
 */
import type { CameraFrameFigures } from '../../../main/api/provisioning-contract';
import { frameLight } from './frame-tools';

/** Frames the camera runs before the one measured. */
const SETTLE_FRAMES = 5;

const failed = (condition: 'offline' | 'no-frames', detail: string): CameraFrameFigures => ({ taken: false, condition, detail: detail.slice(0, 200) });

/** Resolves after `count` frames have been shown in `video`, or false when none came in `timeoutMs`. */
function framesShown(video: HTMLVideoElement, count: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    let seen = 0;
    const next = () => {
      if (video.videoWidth > 0 && ++seen >= count) {
        clearTimeout(timer);
        resolve(true);
        return;
      }
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(next);
      else setTimeout(next, 70);
    };
    next();
  });
}

export async function takeFrameFigures(timeoutMs = 8_000): Promise<CameraFrameFigures> {
  if (!navigator.mediaDevices?.getUserMedia) return failed('offline', 'this page has no camera access (not a secure context?)');
  let stream: MediaStream | undefined;
  const video = document.createElement('video');
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    // Not awaited: play() of a camera that opens but sends no frame never settles; the frame wait times out instead.
    void video.play().catch(() => undefined);
    if (!(await framesShown(video, SETTLE_FRAMES, timeoutMs))) return failed('no-frames', `the camera opened but showed no frame in ${timeoutMs} ms`);
    const light = frameLight(video);
    return { taken: true, width: video.videoWidth, height: video.videoHeight, meanLuma: light.mean, spread: light.spread };
  } catch (error) {
    return failed('offline', error instanceof Error ? `${error.name}: ${error.message}` : 'getUserMedia failed');
  } finally {
    video.srcObject = null;
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
}
