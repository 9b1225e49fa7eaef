/** The top of the hair from the pixels above the forehead. */
import { describe, expect, it } from 'vitest';
import { estimateHeadTop } from '../../../renderer/src/camera/ga461';
import { drawFrame, headTopOf, landmarksOf } from './support/drawn-face';

describe('estimateHeadTop', () => {
  it.each([
    [{ cx: 320, cy: 260, width: 170 }, [250, 250, 250] as const],
    [{ cx: 200, cy: 300, width: 120 }, [235, 238, 244] as const],
    [{ cx: 400, cy: 330, width: 220 }, [205, 205, 205] as const],
  ])('finds the drawn hair top within a pixel (%o on %o)', (spec, background) => {
    const frame = drawFrame({ width: 640, height: 640, faces: [spec], background });
    const found = estimateHeadTop(frame, landmarksOf(spec));
    expect(found.touchesTop).toBe(false);
    expect(Math.abs(found.y - headTopOf(spec))).toBeLessThanOrEqual(1);
  });

  it('says so when the hair runs into the top edge', () => {
    const spec = { cx: 320, cy: 120, width: 180 };
    expect(headTopOf(spec)).toBeLessThan(0);
    const found = estimateHeadTop(drawFrame({ width: 640, height: 480, faces: [spec] }), landmarksOf(spec));
    expect(found).toEqual({ y: 0, touchesTop: true });
  });
});
