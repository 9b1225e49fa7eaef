/**
 * The simulators' drawn face (a 480x640 JPEG made in Chromium) with the landmarks human measured
 * on it once (simulators/camera/ga461-sample.ts): composed, checked and encoded like a camera frame,
 * and the photo the simulated camera hands to the flows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeGa461, checkGa461, estimateHeadTop, GA461, readJpegInfo } from '../../../renderer/src/camera/ga461';
import { SimulatedCamera } from '../../../simulators/camera/simulated-camera';
import { decodeJpeg, liveFaceFrame, liveFaceLandmarks, simulatedGa461Photo } from '../../../simulators/camera/ga461-sample';
import { firstRowWith, runWidth } from './support/measure-photo';

const SKIN = [240, 200, 168] as const;
const HAIR = [44, 44, 44] as const;

describe('the drawn face as a GA 461 photo', () => {
  const frame = liveFaceFrame();
  const face = liveFaceLandmarks(frame);

  it('finds the top of its hair where it is drawn (row 75 of the frame)', () => {
    const top = estimateHeadTop(frame, face);
    expect(top.touchesTop).toBe(false);
    expect(Math.abs(top.y - 75)).toBeLessThanOrEqual(2);
  });

  it('composes to a photo that passes every check, with the pixels agreeing', () => {
    const composed = composeGa461(frame, [face]);
    const report = checkGa461(composed.photo, composed.faces);
    expect(Object.entries(report.checks).filter(([, ok]) => !ok)).toEqual([]);
    // The drawn oval is wider than human's cheekbone points (260 vs 242 px in the frame): 207 * 260 / 242.
    expect(Math.abs(runWidth(composed.photo, composed.faces[0]!.faceLeft.y, SKIN, 30) - (207 * 260) / 242)).toBeLessThanOrEqual(3);
    const hair = firstRowWith(composed.photo, HAIR, 3, 30);
    expect(hair).toBeGreaterThanOrEqual(GA461.headTopMin);
    expect(hair).toBeLessThanOrEqual(GA461.headTopMax);
  });

  it('the simulated camera hands over that photo: 358x441, 350 dpi, 14-20 KB, with its quality figures', async () => {
    const camera = new SimulatedCamera(0);
    const result = await camera.captureIdPhoto();
    if (!result.ok) throw new Error(result.message);
    const { jpeg, quality } = result.value;
    expect(readJpegInfo(jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8, jfif: { units: 1, x: 350, y: 350 } });
    expect(jpeg.length).toBe(quality.bytes);
    expect(quality.bytes).toBeGreaterThanOrEqual(14 * 1024);
    expect(quality.bytes).toBeLessThanOrEqual(20_000);
    expect([quality.widthPx, quality.heightPx]).toEqual([358, 441]);
    expect(Object.keys(quality.checks).length).toBeGreaterThanOrEqual(10);
    expect(Object.values(quality.checks).every(Boolean)).toBe(true);
    // The same photo, decoded again, still measures in range.
    const decoded = decodeJpeg(jpeg);
    expect(checkGa461(decoded, (await simulatedGa461Photo()).faces).passed).toBe(true);
    mkdirSync('test-results/ga461', { recursive: true });
    writeFileSync('test-results/ga461/simulated-camera.jpg', jpeg);
  });
});
