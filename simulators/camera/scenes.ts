import type { Picture } from './face-picture';
import { SAMPLE_FACE_FEATURES as F } from './face-picture';
import type { RgbFrame } from './y4m';

/**
 * What stands in front of the simulated camera. Each scene is a short video that loops:
 * - `cooperative`: a face in the oval before a white wall that blinks, then turns its head left
 *   and right, so it passes whichever liveness prompt the kiosk picks and gives a GA 461 photo
 *   (what `npm start` and every e2e test use: a new user's reissue can take a new photo);
 * - `id-photo`: the face alone (its picture's own backdrop cut away) before a plain white wall,
 *   still, as a GA 461 photo wants it;
 * - `motionless`: the same face, which never blinks nor turns (a liveness prompt fails);
 * - `no-face`, `two-faces`, `too-far`, `too-close`, `off-centre`, `dark`: what guidance is for;
 * - `covered`: a black picture (a hand or tape over the lens): the camera is reported covered;
 * - `sunglasses`: the face with dark glasses painted over the eyes.
 */
export const CAMERA_SCENES = ['cooperative', 'id-photo', 'motionless', 'no-face', 'two-faces', 'too-far', 'too-close', 'off-centre', 'dark', 'covered', 'sunglasses'] as const;
export type CameraScene = (typeof CAMERA_SCENES)[number];

export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 480;
export const SCENE_FPS = 15;

/** How the face looks in one frame. */
interface Pose {
  /** Centre of the face picture in the frame, and its side in pixels. */
  readonly cx: number;
  readonly cy: number;
  readonly size: number;
  /** 0 open, 1 closed. */
  readonly eyesClosed: number;
  /** Where the nose tip moves, in sample pixels (negative: to the image's left). */
  readonly noseShift: number;
  /** 1 normal light; lower is darker. */
  readonly light: number;
  /** Only the head (an ellipse around hair and face) is drawn, on a white wall. */
  readonly headOnly?: boolean;
  /** Dark glasses over the eyes. */
  readonly sunglasses?: boolean;
}

const FRONTAL: Pose = { cx: SCENE_WIDTH / 2, cy: SCENE_HEIGHT / 2 - 10, size: 330, eyesClosed: 0, noseShift: 0, light: 1 };
/** The cooperative citizen stands before the white wall a photo booth has. */
const BOOTH: Pose = { ...FRONTAL, headOnly: true };

const hold = (pose: Pose, frames: number): Pose[] => Array.from({ length: frames }, () => pose);
/** From `from` to `to` over `frames` frames, for one field. */
const ramp = (pose: Pose, key: 'eyesClosed' | 'noseShift', from: number, to: number, frames: number): Pose[] =>
  Array.from({ length: frames }, (_, i) => ({ ...pose, [key]: from + ((to - from) * (i + 1)) / frames }));

/** The head turns: the nose tip moves this far in sample pixels (about 25 degrees of yaw). */
const TURN = 40;

function scenePoses(scene: Exclude<CameraScene, 'no-face' | 'two-faces' | 'covered'>): Pose[] {
  switch (scene) {
    case 'id-photo':
      return hold(BOOTH, 15);
    case 'cooperative':
      return [
        ...hold(BOOTH, 15),
        ...ramp(BOOTH, 'eyesClosed', 0, 1, 2),
        ...hold({ ...BOOTH, eyesClosed: 1 }, 3),
        ...ramp(BOOTH, 'eyesClosed', 1, 0, 2),
        ...hold(BOOTH, 10),
        // The citizen's own left first: the nose moves to the right of the (unmirrored) image.
        ...ramp(BOOTH, 'noseShift', 0, TURN, 5),
        ...hold({ ...BOOTH, noseShift: TURN }, 6),
        ...ramp(BOOTH, 'noseShift', TURN, -TURN, 8),
        ...hold({ ...BOOTH, noseShift: -TURN }, 6),
        ...ramp(BOOTH, 'noseShift', -TURN, 0, 5),
        ...hold(BOOTH, 10),
      ];
    case 'motionless':
      return hold(FRONTAL, 15);
    case 'sunglasses':
      return hold({ ...FRONTAL, sunglasses: true }, 15);
    case 'too-far':
      return hold({ ...FRONTAL, size: 120 }, 15);
    case 'too-close':
      return hold({ ...FRONTAL, size: 620, cy: SCENE_HEIGHT / 2 + 20 }, 15);
    case 'off-centre':
      return hold({ ...FRONTAL, cx: 150, size: 260 }, 15);
    case 'dark':
      return hold({ ...FRONTAL, light: 0.12 }, 15);
    default:
      return scene satisfies never;
  }
}

/** The frames of a scene, made one at a time (a cooperative scene is ~80 frames of 900 KB). */
export function* sceneFrames(scene: CameraScene, face: Picture): Generator<RgbFrame> {
  if (scene === 'covered') {
    for (let i = 0; i < 15; i++) yield new Uint8Array(SCENE_WIDTH * SCENE_HEIGHT * 3);
    return;
  }
  if (scene === 'no-face') {
    for (let i = 0; i < 15; i++) yield wall();
    return;
  }
  if (scene === 'two-faces') {
    const left: Pose = { ...FRONTAL, cx: 165, size: 260 };
    const right: Pose = { ...FRONTAL, cx: 475, size: 260 };
    const frame = wall();
    drawFace(frame, face, left);
    drawFace(frame, face, right);
    for (let i = 0; i < 15; i++) yield frame;
    return;
  }
  // A pose held for several frames is drawn once.
  let last: { readonly pose: Pose; readonly frame: Uint8Array } | undefined;
  for (const pose of scenePoses(scene)) {
    if (last && JSON.stringify(last.pose) === JSON.stringify(pose)) {
      yield last.frame;
      continue;
    }
    const frame = wall(pose.headOnly ? 'white' : 'room');
    drawFace(frame, face, pose);
    if (pose.light !== 1) for (let i = 0; i < frame.length; i++) frame[i] = Math.round(frame[i]! * pose.light);
    last = { pose, frame };
    yield frame;
  }
}

/** A plain, softly lit wall behind the citizen (a room), or the white wall of a photo booth. */
function wall(kind: 'room' | 'white' = 'room'): Uint8Array {
  const frame = new Uint8Array(SCENE_WIDTH * SCENE_HEIGHT * 3);
  if (kind === 'white') return frame.fill(246);
  for (let y = 0; y < SCENE_HEIGHT; y++) {
    const shade = 200 - Math.round((y / SCENE_HEIGHT) * 30);
    for (let x = 0; x < SCENE_WIDTH; x++) {
      const p = (y * SCENE_WIDTH + x) * 3;
      frame[p] = shade;
      frame[p + 1] = shade - 4;
      frame[p + 2] = shade - 12;
    }
  }
  return frame;
}

/**
 * Draws the face picture scaled into the frame, with the head turned by moving the nose between
 * the fixed cheek edges (a horizontal warp), and the eyelids painted shut when `eyesClosed`.
 */
function drawFace(frame: Uint8Array, face: Picture, pose: Pose): void {
  const scale = pose.size / face.width;
  const left = Math.round(pose.cx - pose.size / 2);
  const top = Math.round(pose.cy - pose.size / 2);
  const source = pose.sunglasses ? withSunglasses(face) : pose.eyesClosed > 0 ? closeEyes(face, pose.eyesClosed) : face;
  // The sample's hair is cut by its top edge: a head drawn alone gets the top row stretched up
  // into a rounded crown, so there is a head top to find.
  const crown = pose.headOnly ? Math.round(F.crownPx * scale) : 0;
  for (let ty = Math.max(0, top - crown); ty < Math.min(SCENE_HEIGHT, top + pose.size); ty++) {
    const sy = (ty - top) / scale;
    for (let tx = Math.max(0, left); tx < Math.min(SCENE_WIDTH, left + pose.size); tx++) {
      const sx = unwarpX((tx - left) / scale, pose.noseShift);
      if (pose.headOnly && !insideHead(sx, sy)) continue;
      sample(source, sx, sy, frame, (ty * SCENE_WIDTH + tx) * 3);
    }
  }
}

/** The head (hair, face, chin) in the sample's pixels: an ellipse; outside it is the picture's own backdrop. */
function insideHead(x: number, y: number): boolean {
  const dx = (x - F.head.cx) / F.head.rx;
  const dy = (y - F.head.cy) / F.head.ry;
  return dx * dx + dy * dy <= 1;
}

/** Where in the sample a warped column comes from: the nose moved by `shift`, the cheeks stay. */
export function unwarpX(x: number, shift: number): number {
  if (shift === 0 || x <= F.cheekLeftX || x >= F.cheekRightX) return x;
  const nose = F.noseX + shift;
  return x <= nose ? F.cheekLeftX + ((x - F.cheekLeftX) * (F.noseX - F.cheekLeftX)) / (nose - F.cheekLeftX) : F.noseX + ((x - nose) * (F.cheekRightX - F.noseX)) / (F.cheekRightX - nose);
}

function sample(picture: Picture, x: number, y: number, out: Uint8Array, at: number): void {
  const x0 = Math.min(picture.width - 2, Math.max(0, Math.floor(x)));
  const y0 = Math.min(picture.height - 2, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  for (let c = 0; c < 3; c++) {
    const p = (yy: number, xx: number) => picture.data[(yy * picture.width + xx) * 3 + c]!;
    const top = p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx;
    const bottom = p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx;
    out[at + c] = Math.round(top * (1 - fy) + bottom * fy);
  }
}

/** The sample with both eyes covered by lids in the colour of the skin below them, and a lash line. */
function closeEyes(face: Picture, amount: number): Picture {
  const data = Uint8Array.from(face.data);
  for (const eye of [F.leftEye, F.rightEye]) {
    const skin = [0, 1, 2].map((c) => face.data[((eye.y + F.skinBelowEyeDy) * face.width + eye.x) * 3 + c]!);
    for (let y = eye.y - eye.halfHeight; y <= eye.y + eye.halfHeight; y++) {
      for (let x = eye.x - eye.halfWidth; x <= eye.x + eye.halfWidth; x++) {
        const dx = (x - eye.x) / eye.halfWidth;
        const dy = (y - eye.y) / eye.halfHeight;
        const inside = 1 - (dx * dx + dy * dy);
        if (inside <= 0) continue;
        // The lid comes down from the top; a closed eye shows a thin dark line where the lids meet.
        const coverage = Math.min(1, inside * 3) * Math.min(1, Math.max(0, amount * 2 - (dy + 1) / 2));
        const lash = Math.abs(y - (eye.y + 2)) <= 1 && amount >= 0.99 ? 0.55 : 1;
        const p = (y * face.width + x) * 3;
        for (let c = 0; c < 3; c++) data[p + c] = Math.round((data[p + c]! * (1 - coverage) + skin[c]! * coverage) * (coverage > 0.5 ? lash : 1));
      }
    }
  }
  return { width: face.width, height: face.height, data };
}

/** The sample with dark lenses over both eyes and a bridge between them. */
function withSunglasses(face: Picture): Picture {
  const data = Uint8Array.from(face.data);
  const paint = (x: number, y: number) => data.set([24, 24, 30], (y * face.width + x) * 3);
  for (const eye of [F.leftEye, F.rightEye]) {
    const rx = eye.halfWidth * 1.5;
    const ry = eye.halfHeight * 1.7;
    for (let y = Math.floor(eye.y - ry); y <= eye.y + ry; y++) {
      for (let x = Math.floor(eye.x - rx); x <= eye.x + rx; x++) {
        if (((x - eye.x) / rx) ** 2 + ((y - eye.y) / ry) ** 2 <= 1) paint(x, y);
      }
    }
  }
  for (let x = F.leftEye.x; x <= F.rightEye.x; x++) for (let dy = -1; dy <= 1; dy++) paint(x, Math.round((F.leftEye.y + F.rightEye.y) / 2) - 8 + dy);
  return { width: face.width, height: face.height, data };
}
