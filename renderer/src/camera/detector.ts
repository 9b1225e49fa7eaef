/**
 * The on-device face detector: @vladmandic/human on tfjs' wasm backend, loaded from the kiosk's
 * own origin (the host serves `/human/`, `/models/` and `/wasm/`; nothing is fetched from the network).
 * Blazeface + facemesh with iris only: the box, the mesh (face width, eyes), yaw and pitch.
 * Loaded once per page on first use and kept: a kiosk runs hundreds of sessions per page.
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
    // Every frame is analysed: a blink lasts two or three frames and must not be skipped.
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

export interface FaceDetector {
  /**
   * Faces in the frame. While guiding, the face box may come from the previous frames (the mesh,
   * run on every frame, keeps it on the face); during a prompt every frame is analysed whole.
   */
  detect(input: HTMLVideoElement | HTMLCanvasElement, options?: { readonly everyFrame?: boolean }): Promise<readonly FaceResult[]>;
  /** Figures for the bench and the log. */
  readonly info: { readonly backend: string; readonly loadMs: number; readonly threads: boolean };
  /** Tensors the backend holds (a leak shows as a count that grows from session to session). */
  memory(): { readonly tensors: number; readonly bytes: number };
}

let loading: Promise<FaceDetector> | undefined;

/**
 * While guiding, the box detector runs at least every third frame and every 200 ms: a face coming
 * or going is seen within two frames; the mesh follows the face on every frame in between.
 */
const GUIDING_SKIP = { skipFrames: 2, skipTime: 200 } as const;

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
    async detect(input, options = {}) {
      const skip = options.everyFrame ? { skipFrames: 0, skipTime: 0 } : GUIDING_SKIP;
      const result = await human.detect(input, { face: { detector: skip } } as Partial<Config>);
      return result.face;
    },
  };
}
