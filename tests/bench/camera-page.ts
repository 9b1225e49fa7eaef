/**
 * The camera bench's side in the page (bundled by esbuild and put into the kiosk page): the real
 * detector on Chromium's fake camera, the real guidance, the GA 461 composer and CaptureRun.
 */
import { CaptureRun } from '../../renderer/src/camera/capture-run';
import { type DetectMode, faceDetector } from '../../renderer/src/camera/detector';
import { measureFace } from '../../renderer/src/camera/face-measure';
import { eyeShade, frameLight, grabFrame } from '../../renderer/src/camera/frame-tools';
import { createCanvasJpegEncoder, faceFromHuman, timeGa461Photo } from '../../renderer/src/camera/ga461';
import { guidance } from '../../renderer/src/camera/guidance';

async function openVideo(): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  await video.play();
  while (video.readyState < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  return video;
}

function closeVideo(video: HTMLVideoElement): void {
  for (const track of (video.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop();
  video.srcObject = null;
  video.remove();
}

/** Frames analysed before timing starts (the wasm code and the caches warm up). */
const WARMUP_FRAMES = 10;

const nextFrame = (video: HTMLVideoElement) => new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));

export const cameraBench = {
  async loadModels() {
    const detector = await faceDetector();
    return { ...detector.info, crossOriginIsolated };
  },

  /** ms per analysed frame while guiding: brightness, detection, measures (eye shade too), the instruction. */
  guidanceTimes(frames: number) {
    return cameraBench.frameTimes(frames, 'guide');
  },

  /** The same during a liveness prompt (iris on every frame). */
  promptTimes(frames: number) {
    return cameraBench.frameTimes(frames, 'prompt');
  },

  /** The same for a frame analysed whole (detector, mesh, iris: the frame of the still or the photo). */
  fullTimes(frames: number) {
    return cameraBench.frameTimes(frames, 'full');
  },

  async frameTimes(frames: number, mode: DetectMode) {
    const detector = await faceDetector();
    const video = await openVideo();
    const times: number[] = [];
    let holds = 0;
    for (let i = 0; i < WARMUP_FRAMES + frames; i++) {
      await nextFrame(video);
      const started = performance.now();
      const light = frameLight(video);
      const faces = await detector.detect(video, mode);
      const measures = faces.flatMap((face) => {
        const measured = measureFace(face);
        return measured ? [{ ...measured, eyeShade: eyeShade(video, face.mesh) }] : [];
      });
      const said = guidance({ width: video.videoWidth, height: video.videoHeight, brightness: light.mean, faces: measures });
      const elapsed = performance.now() - started;
      if (i < WARMUP_FRAMES) continue;
      holds += said === 'hold' ? 1 : 0;
      times.push(elapsed);
    }
    const size = [video.videoWidth, video.videoHeight];
    closeVideo(video);
    return { times, size, holds };
  },

  /** "Face ready" (a frame and its detected face) to a composed, checked GA 461 JPEG. */
  async ga461Times(runs: number) {
    const detector = await faceDetector();
    const video = await openVideo();
    await nextFrame(video);
    const frame = grabFrame(video);
    const [face] = await detector.detect(video);
    closeVideo(video);
    const ga461Face = face && faceFromHuman(face, frame);
    if (!ga461Face) throw new Error('no face in the id-photo scene');
    return timeGa461Photo(frame, [ga461Face], createCanvasJpegEncoder(), { warmup: 2, runs });
  },

  /** `count` camera steps, each opened, guided until the face holds in the oval, and closed. */
  async sessions(count: number) {
    const detector = await faceDetector();
    const video = document.createElement('video');
    document.body.append(video);
    for (let i = 0; i < count; i++) {
      await new Promise<void>((resolve) => {
        const run = new CaptureRun(
          video,
          { requestId: '00000000-0000-4000-8000-000000000001', purpose: 'live', livenessPrompt: 'blink', deadlineMs: Date.now() + 60_000 },
          {
            detector,
            submit: async () => undefined,
            report: () => undefined,
            onPhase: (phase) => {
              if (phase.kind === 'prompt') {
                run.stop();
                resolve();
              }
            },
          },
        );
        void run.start();
      });
    }
    video.remove();
    return detector.memory();
  },
};

Object.assign(window, { cameraBench });
