/**
 * The one transform the composer applies: rotate, scale and shift (no shear), from frame pixels
 * to photo pixels: p' = scale * R(angle) * p + (tx, ty).
 */
import type { Box, Ga461Face, Point } from './types';

export interface Similarity {
  readonly scale: number;
  readonly angleRad: number;
  readonly tx: number;
  readonly ty: number;
}

export function applySimilarity(t: Similarity, p: Point): Point {
  const cos = Math.cos(t.angleRad) * t.scale;
  const sin = Math.sin(t.angleRad) * t.scale;
  return { x: cos * p.x - sin * p.y + t.tx, y: sin * p.x + cos * p.y + t.ty };
}

export function invertSimilarity(t: Similarity): Similarity {
  const scale = 1 / t.scale;
  const angleRad = -t.angleRad;
  const cos = Math.cos(angleRad) * scale;
  const sin = Math.sin(angleRad) * scale;
  return { scale, angleRad, tx: -(cos * t.tx - sin * t.ty), ty: -(sin * t.tx + cos * t.ty) };
}

export const distance = (a: Point, b: Point): number => Math.hypot(b.x - a.x, b.y - a.y);

export const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** Slope of the line from the image-left eye to the image-right eye, in degrees (positive: clockwise). */
export const eyeLineDeg = (face: Pick<Ga461Face, 'leftEye' | 'rightEye'>): number =>
  (Math.atan2(face.rightEye.y - face.leftEye.y, face.rightEye.x - face.leftEye.x) * 180) / Math.PI;

/** Face width as GA 461 measures it: cheekbone to cheekbone (mesh points 234-454). */
export const faceWidthOf = (face: Pick<Ga461Face, 'faceLeft' | 'faceRight'>): number => distance(face.faceLeft, face.faceRight);

/** Where the hair ends, as a point above the forehead (head-top.ts scans straight up from it). */
export const headTopPoint = (face: Pick<Ga461Face, 'forehead' | 'headTopY'>): Point => ({ x: face.forehead.x, y: face.headTopY });

function mapBox(t: Similarity, box: Box): Box {
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x, y: box.y + box.height },
    { x: box.x + box.width, y: box.y + box.height },
  ].map((p) => applySimilarity(t, p));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The same face seen through the transform: points moved, pose kept. */
export function mapFace(t: Similarity, face: Ga461Face): Ga461Face {
  const map = (p: Point) => applySimilarity(t, p);
  const headTop = map(headTopPoint(face));
  const forehead = map(face.forehead);
  return {
    ...face,
    box: mapBox(t, face.box),
    leftEye: map(face.leftEye),
    rightEye: map(face.rightEye),
    faceLeft: map(face.faceLeft),
    faceRight: map(face.faceRight),
    // The head top stays a height above the forehead: keep its x on the mapped forehead.
    forehead,
    chin: map(face.chin),
    headTopY: headTop.y,
  };
}
