/**
 * GA 461 ID photos: compose from a camera frame, check, encode. Pure TypeScript for the renderer
 * and Node. In the camera step:
 *
 *   const faces = facesFromHuman(result.face, frame);
 *   const photo = await makeGa461Photo(frame, faces, createCanvasJpegEncoder());
 *
 * Pass every face the detector found, not only the main one: `oneFace` can only fail when a
 * second face in the photo is among them.
 */
export type { Box, Ga461Face, Point, RgbaImage } from './types';
export { GA461, KIOSK_LIMITS } from './rules';
export { Ga461Error, type Ga461ErrorCode } from './errors';
export { composeGa461, mainFace, type Ga461Adjustments, type Ga461Composition } from './compose';
export { checkGa461, GA461_CHECKS, type Ga461CheckName, type Ga461Figure, type Ga461Report } from './checks';
export { encodeGa461Jpeg, type Ga461Jpeg, type JpegEncoder } from './encode';
export { readJpegInfo, withJfifDpi, type JpegInfo } from './jpeg-segments';
export { estimateHeadTop } from './head-top';
export { faceFromHuman, facesFromHuman } from './from-human';
export { makeGa461Photo, type Ga461Photo, type Ga461Quality } from './make-photo';
export { createCanvasJpegEncoder } from './canvas-encoder';
export { timeGa461Photo, type Ga461Timing } from './timing';
