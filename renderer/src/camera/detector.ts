/**
 * The on-device face detector: @vladmandic/human on tfjs' wasm backend, loaded from the kiosk's
 * own origin (the host serves `/human/`, `/models/` and `/wasm/`; nothing is fetched from the network).
 * Blazeface + facemesh with iris only: the box, the mesh (face width, eyes), yaw and pitch.
 * Loaded once per page on first use and kept: a kiosk runs hundreds of sessions per page.
 *
 * Three ways to analyse a frame (`DetectMode`), because guidance and the prompt must keep up with
 * the camera and the judging frame must miss nothing:
 * - `guide`: the box detector runs at most every third frame and every 200 ms (the mesh, run on
 *   every frame, follows the face in between and drops it when it is lost, which runs the detector
 *   again), and the iris model is off: guidance reads the face's size, place, angles and the eyes'
 *   shade, none of which needs the iris' finer eye contour.
 * - `prompt`: the same box detector rhythm (a face coming into the picture is found within 200 ms),
 *   with mesh and iris on every frame: a blink lasts two or three frames and the eye openness is
 *   read from the iris contour, so the faster the frames, the surer the blink is seen.
 * - `full`: detector, mesh and iris on every frame: the frame that becomes the live still or the
 *   GA 461 photo (eyes open, eye line from the iris centres, every face in the picture counted).
 */
import type { Config, FaceResult, Human } from '@vladmandic/human';

export function detectorConfig(origin: string): Partial<Config> {
  return {
    backend: 'wasm',
    modelBasePath: new URL('/models/', origin).href,
    wasmPath: new URL('/wasm/', origin).href,
    // The multi-threaded build needs cross-origin isolation (COOP/COEP, set by the host).
    wasmPlatformFetch: false,
    debug: false,
    async: true,
    warmup: 'none',
    // Set per frame by detectOptions; the iris model is enabled here so that it loads.
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { enabled: true, rotation: false, maxDetected: 3, minConfidence: 0.3, skipFrames: 0, skipTime: 0, return: false },
      mesh: { enabled: true },
      iris: { enabled: true },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

export type DetectMode = 'guide' | 'prompt' | 'full';

/**
 * What human is told per frame for each mode (human keeps the last configuration given, so every
 * call names all of it). Human lets the box detector skip a frame only when `skipAllowed`, which
 * it sets when the whole frame changed less than `cacheSensitivity` (mean squared difference per
 * channel, at most 255 for 8-bit pixels): 0 turns skipping off altogether, and the skipping modes
 * set a threshold above any difference, so the frame counts (skipFrames, skipTime) alone decide.
 */
export function detectOptions(mode: DetectMode): Partial<Config> {
  const skipping = mode !== 'full';
  return {
    cacheSensitivity: skipping ? 256 : 0,
    face: {
      detector: skipping ? { skipFrames: 2, skipTime: 200 } : { skipFrames: 0, skipTime: 0 },
      iris: { enabled: mode !== 'guide' },
    },
  } as Partial<Config>;
}

export interface FaceDetector {
  /** Faces in the frame, analysed as `mode` says (module comment); `full` unless told. */
  detect(input: HTMLVideoElement | HTMLCanvasElement, mode?: DetectMode): Promise<readonly FaceResult[]>;
  /** Figures for the bench and the log. */
  readonly info: { readonly backend: string; readonly loadMs: number; readonly threads: boolean };
  /** Tensors the backend holds (a leak shows as a count that grows from session to session). */
  memory(): { readonly tensors: number; readonly bytes: number };
}

let loading: Promise<FaceDetector> | undefined;

/** Models load in under a second here; a load that hangs (a worker that cannot start) is a broken camera step. */
const LOAD_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the face models did not load in ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The page's one detector (models loaded on first use). */
export function faceDetector(origin: string = location.origin): Promise<FaceDetector> {
  loading ??= withTimeout(load(origin), LOAD_TIMEOUT_MS).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(origin: string): Promise<FaceDetector> {
  const started = performance.now();
  // human's published ES module, served by the host: a re-bundled copy breaks its wasm threads.
  const { Human: HumanClass } = (await import(/* @vite-ignore */ new URL('/human/human.esm.js', origin).href)) as typeof import('@vladmandic/human');
  const human: Human = new HumanClass(detectorConfig(origin));
  await human.load();
  await human.init();
  const info = { backend: human.tf.getBackend(), loadMs: performance.now() - started, threads: Boolean(human.env.wasm.multithread) };
  return {
    info,
    memory: () => {
      const { numTensors, numBytes } = human.tf.memory();
      return { tensors: numTensors, bytes: numBytes };
    },
    async detect(input, mode = 'full') {
      const result = await human.detect(input, detectOptions(mode));
      return result.face;
    },
  };
}
