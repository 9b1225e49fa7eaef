/**
 * GA 461 ID photo in Node: "face ready" (a frame and its landmarks) to a composed, checked JPEG
 * in the 14-20 KB band, on the simulators' drawn face (480x640) with jpeg-js as the encoder. The
 * baseline is a plain copy of the frame's pixels in the same run. In Chromium the camera bench
 * times the same function with the canvas encoder (goal there: <= 300 ms).
 */
import { timeGa461Photo } from '../../renderer/src/camera/ga461';
import { jpegJsEncoder, liveFaceFrame, liveFaceLandmarks } from '../../simulators/camera/ga461-sample';
import { medianAndP95, ratioToBaseline, runIfMain } from './stats';

const WARMUP = 3;
const RUNS = 20;

export async function bench(): Promise<Record<string, number>> {
  const frame = liveFaceFrame();
  const timing = await timeGa461Photo(frame, [liveFaceLandmarks(frame)], jpegJsEncoder, { warmup: WARMUP, runs: RUNS });
  if (!timing.passed) throw new Error('the drawn face no longer makes a GA 461 photo that passes its checks');
  return {
    ...medianAndP95('ga461.nodePhotoMs', timing.photoMs),
    ...medianAndP95('ga461.frameCopyMs', timing.copyMs),
    ...ratioToBaseline('ga461.nodePhotoMs', timing.photoMs, timing.copyMs),
    'ga461.photoBytes': timing.bytes,
  };
}

runIfMain(import.meta.url, bench);
