/**
 * Landmark figures recorded from human (facemesh + iris, wasm backend) in Chromium, reading the
 * fake camera's cooperative scene frame by frame at about 10 analysed frames a second:
 * [yaw in degrees, eye openness of the image's left eye, of its right eye]. In that recording the
 * head turned to the citizen's right first (yaw +15) and then to the left (yaw -12): the scene was
 * changed afterwards to turn left first.
 */
export const RECORDED_COOPERATIVE: ReadonlyArray<readonly [number, number, number]> = [
  [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.28, 0.31], [2, 0.18, 0.21], [2, 0.28, 0.31],
  [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [6, 0.37, 0.33],
  [10, 0.39, 0.33], [15, 0.49, 0.34], [15, 0.49, 0.34], [15, 0.49, 0.34], [15, 0.49, 0.34], [15, 0.49, 0.34], [8, 0.41, 0.33],
  [2, 0.37, 0.37], [-1, 0.36, 0.37], [-8, 0.34, 0.43], [-12, 0.31, 0.49], [-12, 0.31, 0.49], [-12, 0.31, 0.49], [-12, 0.31, 0.49],
  [-6, 0.34, 0.42], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37],
  [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.18, 0.21], [2, 0.18, 0.21],
  [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37], [2, 0.37, 0.37],
  [6, 0.37, 0.33], [13, 0.48, 0.33], [15, 0.49, 0.34], [15, 0.49, 0.34], [15, 0.49, 0.34], [15, 0.49, 0.34], [8, 0.41, 0.33],
  [5, 0.35, 0.34], [-1, 0.36, 0.37], [-8, 0.34, 0.43], [-12, 0.31, 0.49], [-12, 0.31, 0.49], [-12, 0.31, 0.49], [-12, 0.31, 0.49],
  [-9, 0.31, 0.44], [-6, 0.34, 0.42], [-3, 0.34, 0.41], [2, 0.37, 0.37], [2, 0.37, 0.37],
];

/** The same face with nothing moving (the motionless scene), a few seconds of it. */
export const RECORDED_MOTIONLESS: ReadonlyArray<readonly [number, number, number]> = Array.from({ length: 40 }, () => [2, 0.37, 0.37] as const);
