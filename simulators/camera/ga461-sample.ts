/**
 * The simulated camera's GA 461 photo: the drawn face (live-face.ts) composed, checked and encoded
 * once, lazily, by the kiosk's own GA 461 code with jpeg-js, so the flows get a real 358x441,
 * 350 dpi, 14-20 KB photo with its real quality figures.
 */
import * as jpeg from 'jpeg-js';
import { type Ga461Face, type Ga461Photo, type JpegEncoder, makeGa461Photo, estimateHeadTop, type RgbaImage } from '../../renderer/src/camera/ga461';
import { LIVE_FACE_JPEG_BASE64 } from './live-face';

/** jpeg-js as the GA 461 encoder (quality 0..1 -> 1..100). */
export const jpegJsEncoder: JpegEncoder = (image, quality) =>
  new Uint8Array(jpeg.encode({ width: image.width, height: image.height, data: image.data }, Math.max(1, Math.round(quality * 100))).data);

export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length) };
}

/**
 * The drawn face's landmarks as human 3.3.6 (facemesh + iris, wasm backend, Node) reported them for
 * the 480x640 frame, recorded once: mesh 234 (122, 288), 454 (364, 291), 10 (238, 205), 152
 * (236, 456), iris 473 (179, 280) and 468 (288, 280); lids 159/145 at y 273/290 over corners 33/133
 * at x 161/200, lids 386/374 at y 273/290 over corners 263/362 at x 310/267; pitch 0.303 rad, yaw
 * 0.023 rad; score 0.99. The head top is not a mesh point: it is estimated from the pixels.
 */
export function liveFaceLandmarks(frame: RgbaImage): Ga461Face {
  const forehead = { x: 238, y: 205 };
  const faceLeft = { x: 122, y: 288 };
  const faceRight = { x: 364, y: 291 };
  return {
    score: 0.99,
    box: { x: 69, y: 156, width: 348, height: 348 },
    leftEye: { x: 179, y: 280 },
    rightEye: { x: 288, y: 280 },
    faceLeft,
    faceRight,
    forehead,
    chin: { x: 236, y: 456 },
    headTopY: estimateHeadTop(frame, { forehead, faceLeft, faceRight }).y,
    yawDeg: (0.023 * 180) / Math.PI,
    pitchDeg: (0.303 * 180) / Math.PI,
    eyeOpenness: Math.min(17 / 39, 17 / 43),
  };
}

export const liveFaceFrame = (): RgbaImage => decodeJpeg(Buffer.from(LIVE_FACE_JPEG_BASE64, 'base64'));

let sample: Promise<Ga461Photo> | undefined;

/** The drawn face as a GA 461 photo, made on first use and kept. */
export function simulatedGa461Photo(): Promise<Ga461Photo> {
  if (!sample) {
    const frame = liveFaceFrame();
    sample = makeGa461Photo(frame, [liveFaceLandmarks(frame)], jpegJsEncoder);
    // A failure is not kept: the next capture tries again.
    sample.catch(() => {
      sample = undefined;
    });
  }
  return sample;
}
