/**
 * For any face the composer can take without running out of frame (size within the upscale limit,
 * margin all round, a small tilt), the composed photo meets the GA 461 geometry: face width,
 * hair top, eye line, centre.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGa461, composeGa461, GA461, KIOSK_LIMITS } from '../../../renderer/src/camera/ga461';
import { drawFrame, landmarksOf } from './support/drawn-face';

const faceInRange = fc
  .record({
    width: fc.double({ min: GA461.faceWidth / KIOSK_LIMITS.maxUpscale + 1, max: 230, noNaN: true }),
    // Where in the frame, as fractions of the room left once the crop fits.
    fx: fc.double({ min: 0, max: 1, noNaN: true }),
    fy: fc.double({ min: 0, max: 1, noNaN: true }),
    rollDeg: fc.double({ min: -KIOSK_LIMITS.rollCorrectionMaxDeg, max: KIOSK_LIMITS.rollCorrectionMaxDeg, noNaN: true }),
  })
  .map(({ width, fx, fy, rollDeg }) => {
    // The crop, in frame px, around the face: 358x441 photo px at 207/width frame px each, plus room for the tilt.
    const unit = width / GA461.faceWidth;
    const cropW = GA461.width * unit * 1.3;
    const cropH = GA461.height * unit * 1.3;
    const frameW = 720;
    const frameH = 720;
    const cx = cropW / 2 + fx * (frameW - cropW);
    // The head top sits 14 px (photo) below the crop's top; the oval centre 0.86 face widths below the head top.
    const top = (cropH - GA461.height * unit) / 2 + fy * (frameH - cropH);
    const cy = top + GA461.headTopTarget * unit + 0.86 * width;
    return { frame: { width: frameW, height: frameH }, face: { cx, cy, width, rollDeg } };
  });

const blank = drawFrame({ width: 720, height: 720, faces: [], noise: 0 });

describe('composeGa461 geometry, any face in range', () => {
  it('face width 207 +/- 1, hair top 7-21, eyes >= 207 px above the bottom, centred', () => {
    fc.assert(
      fc.property(faceInRange, ({ frame, face }) => {
        const landmarks = landmarksOf(face);
        // The geometry checks read the landmarks, so a blank frame stands in (compose.test.ts measures drawn pixels).
        expect([frame.width, frame.height]).toEqual([blank.width, blank.height]);
        const composed = composeGa461(blank, [landmarks]);
        const report = checkGa461(composed.photo, composed.faces);
        expect(composed.adjustments.scaleLimitedBy).toBeNull();
        expect(Math.abs(report.figures.faceWidth.value! - GA461.faceWidth)).toBeLessThanOrEqual(1);
        expect(report.checks.headTop).toBe(true);
        expect(report.checks.eyeLine).toBe(true);
        expect(report.checks.centred).toBe(true);
        expect(report.checks.roll).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
