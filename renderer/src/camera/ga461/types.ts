/**
 * Plain data the GA 461 composer and checker work on, the same in the renderer (canvas frames,
 * human's face result) and in Node tests (jpeg-js, drawn faces). Nothing here depends on the face
 * detector: `from-human.ts` turns its result into `Ga461Face`.
 */

/** An RGBA image, row-major, 4 bytes a pixel (what a canvas ImageData and jpeg-js both hold). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One face, in the pixel coordinates of the image it was found in. "Left"/"right" are as seen in
 * the image, not the person's own left and right.
 */
export interface Ga461Face {
  /** Detector confidence 0..1. */
  readonly score: number;
  readonly box: Box;
  /** Eye centres (iris centres when the detector has them). */
  readonly leftEye: Point;
  readonly rightEye: Point;
  /** Face edges at the cheekbones (facemesh points 234 and 454): GA 461's face width. */
  readonly faceLeft: Point;
  readonly faceRight: Point;
  /** Top of the forehead (facemesh point 10) and the chin (point 152). */
  readonly forehead: Point;
  readonly chin: Point;
  /** Top of the hair: not a mesh point, estimated from the pixels above the forehead (head-top.ts). */
  readonly headTopY: number;
  /** Head pose in degrees (roll is not kept: the eye line's slope measures it). */
  readonly yawDeg: number;
  readonly pitchDeg: number;
  /** Eye openness: lid gap over eye width, the smaller of the two eyes (open ~0.3, closed < 0.1). */
  readonly eyeOpenness: number;
}
