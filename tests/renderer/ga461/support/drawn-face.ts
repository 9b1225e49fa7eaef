/**
 * Synthetic camera frames: a face-like figure (skin oval, hair cap, two eyes, mouth, shoulders) of
 * known geometry drawn at a known place, size and tilt, with the landmarks a detector would report
 * for it. Proportions follow the simulators' drawn face; everything scales with the face width.
 */
import type { Ga461Face, Point, RgbaImage } from '../../../../renderer/src/camera/ga461';

export type Rgb = readonly [number, number, number];

export interface FaceSpec {
  /** Centre of the face oval; the face edges (mesh 234/454) lie on its widest row. */
  readonly cx: number;
  readonly cy: number;
  /** Face width in frame px. */
  readonly width: number;
  /** Tilt of the head in degrees, clockwise in the image. */
  readonly rollDeg?: number;
  readonly yawDeg?: number;
  readonly pitchDeg?: number;
  readonly eyeOpenness?: number;
}

export interface FrameSpec {
  readonly width: number;
  readonly height: number;
  readonly faces: readonly FaceSpec[];
  readonly background?: Rgb;
  /** Background brightness falls linearly by this much from the left edge to the right one (a shadow). */
  readonly shade?: number;
  /** Deterministic sensor noise amplitude (+/- luma steps), as a camera has. */
  readonly noise?: number;
  /** A striped wall: vertical stripes 16 px wide, this much darker every other one. */
  readonly stripes?: number;
}

const SKIN: Rgb = [236, 198, 166];
const HAIR: Rgb = [40, 36, 34];
const EYE: Rgb = [30, 30, 30];
const MOUTH: Rgb = [150, 70, 60];
const SHIRT: Rgb = [58, 90, 136];

/** Geometry of the figure in face widths, in the face's own upright frame (origin at the oval centre). */
const G = {
  ovalRy: 0.635,
  eyeDx: 0.2,
  eyeDy: -0.08,
  eyeRx: 0.055,
  hairCy: -0.19,
  hairRx: 0.58,
  hairRy: 0.67,
  forehead: -0.37,
  mouthDy: 0.33,
  shoulderTop: 0.85,
  shoulderHalf: 0.75,
} as const;

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** Colour of the figure at a point of its upright frame, in face widths; undefined outside it. */
function figureAt(u: number, v: number, openness: number): Rgb | undefined {
  const eyeRy = Math.max(0.004, G.eyeRx * openness);
  for (const side of [-1, 1]) {
    if (inEllipse(u, v, side * G.eyeDx, G.eyeDy, G.eyeRx, eyeRy)) return EYE;
  }
  if (Math.abs(v - G.mouthDy) < 0.012 && Math.abs(u) < 0.13) return MOUTH;
  const inOval = inEllipse(u, v, 0, 0, 0.5, G.ovalRy);
  // Hair: the upper half of its ellipse, above the oval's forehead.
  const inHair = v <= G.hairCy && inEllipse(u, v, 0, G.hairCy, G.hairRx, G.hairRy) && (!inOval || v < G.hairCy - 0.12);
  if (inHair) return HAIR;
  if (inOval) return SKIN;
  if (v >= G.shoulderTop && Math.abs(u) <= G.shoulderHalf) return SHIRT;
  return undefined;
}

/** A small deterministic hash noise: the same frame for the same spec. */
const noiseAt = (x: number, y: number): number => {
  let h = (x * 374761393 + y * 668265263) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) & 0xffff) / 0xffff - 0.5;
};

export function drawFrame(spec: FrameSpec): RgbaImage {
  const { width, height } = spec;
  const data = new Uint8ClampedArray(width * height * 4);
  const background = spec.background ?? [250, 250, 250];
  const shade = spec.shade ?? 0;
  const noise = spec.noise ?? 2;
  const faces = spec.faces.map((f) => ({ ...f, cos: Math.cos(((f.rollDeg ?? 0) * Math.PI) / 180), sin: Math.sin(((f.rollDeg ?? 0) * Math.PI) / 180) }));
  const SS = 2;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const rgb = [0, 0, 0];
      for (let j = 0; j < SS; j += 1) {
        for (let i = 0; i < SS; i += 1) {
          const px = x + (i + 0.5) / SS;
          const py = y + (j + 0.5) / SS;
          let colour: Rgb | undefined;
          for (const f of faces) {
            // Into the face's upright frame: undo the tilt about the oval centre, in face widths.
            const dx = px - f.cx;
            const dy = py - f.cy;
            const u = (f.cos * dx + f.sin * dy) / f.width;
            const v = (-f.sin * dx + f.cos * dy) / f.width;
            colour = figureAt(u, v, f.eyeOpenness ?? 0.35) ?? colour;
          }
          const fall = (shade * px) / width + (Math.floor(px / 16) % 2) * (spec.stripes ?? 0);
          const c = colour ?? [background[0] - fall, background[1] - fall, background[2] - fall];
          rgb[0]! += c[0];
          rgb[1]! += c[1];
          rgb[2]! += c[2];
        }
      }
      const n = noise * 2 * noiseAt(x, y);
      const o = (y * width + x) * 4;
      data[o] = rgb[0]! / (SS * SS) + n;
      data[o + 1] = rgb[1]! / (SS * SS) + n;
      data[o + 2] = rgb[2]! / (SS * SS) + n;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Exact top of the hair of an upright figure. */
export const headTopOf = (f: FaceSpec): number => f.cy + (G.hairCy - G.hairRy) * f.width;

/** The landmarks a detector would report for the drawn figure (exact, from its geometry). */
export function landmarksOf(f: FaceSpec): Ga461Face {
  const roll = ((f.rollDeg ?? 0) * Math.PI) / 180;
  const place = (u: number, v: number): Point => ({
    x: f.cx + (Math.cos(roll) * u - Math.sin(roll) * v) * f.width,
    y: f.cy + (Math.sin(roll) * u + Math.cos(roll) * v) * f.width,
  });
  const half = G.ovalRy * f.width;
  const top = place(0, G.hairCy - G.hairRy);
  return {
    score: 0.97,
    box: { x: f.cx - 0.6 * f.width, y: f.cy - half - 0.1 * f.width, width: 1.2 * f.width, height: 2 * half + 0.2 * f.width },
    leftEye: place(-G.eyeDx, G.eyeDy),
    rightEye: place(G.eyeDx, G.eyeDy),
    faceLeft: place(-0.5, 0),
    faceRight: place(0.5, 0),
    forehead: place(0, G.forehead),
    chin: place(0, G.ovalRy),
    headTopY: top.y,
    yawDeg: f.yawDeg ?? 0,
    pitchDeg: f.pitchDeg ?? 0,
    eyeOpenness: f.eyeOpenness ?? 0.35,
  };
}

export const SKIN_COLOUR = SKIN;
export const HAIR_COLOUR = HAIR;
