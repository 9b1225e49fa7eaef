/**
 * The camera's condition as this page finds it, reported to the host at start and when devices
 * come and go (device availability: a dead camera hides the services that need it). During a
 * camera step, the step itself reports what it sees (no frames, covered).
 */
import type { CameraCondition } from '../../../main/api/camera-contract';

export async function probeCamera(): Promise<{ condition: CameraCondition; detail: string }> {
  if (!navigator.mediaDevices?.getUserMedia) return { condition: 'offline', detail: 'this page has no camera access (not a secure context?)' };
  let stream: MediaStream | undefined;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    const [track] = stream.getVideoTracks();
    if (!track || track.readyState !== 'live') return { condition: 'no-frames', detail: 'the camera track is not live' };
    return { condition: 'online', detail: track.label.slice(0, 120) };
  } catch (error) {
    return { condition: 'offline', detail: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'getUserMedia failed' };
  } finally {
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
}

/** Probes now and whenever a camera is plugged in or out; returns the unsubscribe function. */
export function watchCamera(report: (condition: CameraCondition, detail: string) => void): () => void {
  let stopped = false;
  const probe = () =>
    void probeCamera().then((found) => {
      if (!stopped) report(found.condition, found.detail);
    });
  probe();
  navigator.mediaDevices?.addEventListener?.('devicechange', probe);
  return () => {
    stopped = true;
    navigator.mediaDevices?.removeEventListener?.('devicechange', probe);
  };
}
