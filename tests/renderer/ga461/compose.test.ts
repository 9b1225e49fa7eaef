/**
 * GA 461 geometry on composed images: drawn faces of known geometry go through the composer, and
 * the photo's pixels are measured back (face width along the cheekbone row, top of the hair, eye
 * line, centre) besides the checks' own figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGa461, composeGa461, encodeGa461Jpeg, Ga461Error, GA461, type Ga461Report, type RgbaImage } from '../../../renderer/src/camera/ga461';
import { jpegJsEncoder } from '../../../simulators/camera/ga461-sample';
import { drawFrame, type FaceSpec, type FrameSpec, HAIR_COLOUR, landmarksOf, SKIN_COLOUR } from './support/drawn-face';
import { centroid, firstRowWith, runWidth } from './support/measure-photo';

const EYE_COLOUR = [30, 30, 30] as const;

function composeDrawn(spec: FrameSpec) {
  const frame = drawFrame(spec);
  const composed = composeGa461(frame, spec.faces.map(landmarksOf));
  return { frame, composed, report: checkGa461(composed.photo, composed.faces) };
}

const failed = (report: Ga461Report) => Object.entries(report.checks).filter(([, ok]) => !ok).map(([name]) => name);

async function save(name: string, photo: RgbaImage): Promise<void> {
  mkdirSync('test-results/ga461', { recursive: true });
  writeFileSync(`test-results/ga461/${name}.jpg`, (await encodeGa461Jpeg(photo, jpegJsEncoder)).jpeg);
}

/** The photo's geometry from its pixels alone. */
function measured(photo: RgbaImage, cheekRow: number) {
  const eyes = centroid(photo, cheekRow - 0.2 * GA461.faceWidth, cheekRow, EYE_COLOUR, 20);
  return {
    faceWidth: runWidth(photo, cheekRow, SKIN_COLOUR),
    headTop: firstRowWith(photo, HAIR_COLOUR),
    eyeLine: eyes.y,
    centreX: eyes.x,
  };
}

describe('composeGa461 on drawn faces', () => {
  const good: ReadonlyArray<readonly [string, FrameSpec]> = [
    ['landscape, centred', { width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170 }] }],
    ['landscape, face left of centre and low', { width: 640, height: 480, faces: [{ cx: 230, cy: 290, width: 150 }] }],
    ['portrait, large face', { width: 480, height: 640, faces: [{ cx: 250, cy: 300, width: 260 }] }],
    ['tilted 6 degrees (straightened)', { width: 640, height: 480, faces: [{ cx: 330, cy: 250, width: 170, rollDeg: 6 }] }],
  ];

  it.each(good)('%s: every check passes and the pixels agree', async (name, spec) => {
    const { composed, report } = composeDrawn(spec);
    expect(failed(report)).toEqual([]);
    expect(composed.photo.width).toBe(358);
    expect(composed.photo.height).toBe(441);
    const cheekRow = composed.faces[0]!.faceLeft.y;
    const px = measured(composed.photo, cheekRow);
    expect(Math.abs(px.faceWidth - GA461.faceWidth)).toBeLessThanOrEqual(3);
    expect(px.headTop).toBeGreaterThanOrEqual(GA461.headTopMin);
    expect(px.headTop).toBeLessThanOrEqual(GA461.headTopMax);
    expect(px.eyeLine).toBeLessThanOrEqual(GA461.eyeLineMaxY);
    expect(Math.abs(px.centreX - GA461.width / 2)).toBeLessThanOrEqual(2);
    await save(name.replace(/[^a-z0-9]+/g, '-'), composed.photo);
  });

  it('straightens a head tilted within the correction limit: the eye line comes out level', () => {
    const { composed, report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 330, cy: 250, width: 170, rollDeg: -7 }] });
    expect(composed.adjustments.rollCorrectedDeg).toBeCloseTo(-7, 5);
    expect(Math.abs(report.figures.roll.value!)).toBeLessThan(0.1);
    const eyes = composed.faces[0]!;
    const left = centroid(composed.photo, eyes.leftEye.y - 10, eyes.leftEye.y + 10, EYE_COLOUR, 20);
    expect(Math.abs(left.y - eyes.leftEye.y)).toBeLessThan(1.5);
  });

  it('a face off to the side of the frame: the crop stays in the frame, the face is off-centre, `centred` fails', async () => {
    const { composed, report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 120, cy: 250, width: 170 }] });
    expect(failed(report)).toEqual(['centred']);
    expect(composed.adjustments.shiftedPx.x).toBeLessThan(-10);
    const px = measured(composed.photo, composed.faces[0]!.faceLeft.y);
    expect(px.centreX).toBeLessThan(GA461.width / 2 - 10);
    await save('off-centre', composed.photo);
  });

  it('a face too far away is enlarged at most 1.5 times and fails `faceWidth`', async () => {
    const { composed, report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 220, width: 100 }] });
    expect(composed.adjustments.scaleLimitedBy).toBe('upscale');
    expect(failed(report)).toContain('faceWidth');
    expect(report.figures.faceWidth.value).toBeCloseTo(150, 0);
    expect(Math.abs(runWidth(composed.photo, composed.faces[0]!.faceLeft.y, SKIN_COLOUR) - 150)).toBeLessThanOrEqual(3);
    await save('too-small', composed.photo);
  });

  it('a face so close that the crop is taller than the frame: the face is enlarged to fit, `faceWidth` fails', () => {
    const { composed, report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 260, width: 300 }] });
    expect(composed.adjustments.scaleLimitedBy).toBe('frame');
    expect(report.checks.faceWidth).toBe(false);
    expect(report.figures.faceWidth.value!).toBeGreaterThan(221);
  });

  it('hair running into the top of the frame leaves no margin: `headTop` fails', () => {
    const spec: FaceSpec = { cx: 320, cy: 150, width: 200 };
    const { report } = composeDrawn({ width: 640, height: 480, faces: [spec] });
    expect(report.checks.headTop).toBe(false);
    expect(report.figures.headTop.value!).toBeLessThan(GA461.headTopMin);
  });

  it('a head tilted 20 degrees is straightened only 8 and fails `roll`', () => {
    const { composed, report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170, rollDeg: 20 }] });
    expect(composed.adjustments.rollCorrectedDeg).toBe(8);
    expect(failed(report)).toEqual(['roll']);
    expect(report.figures.roll.value).toBeCloseTo(12, 0);
  });

  it('a head turned or nodded fails `yaw` or `pitch`', () => {
    expect(failed(composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170, yawDeg: 25 }] }).report)).toEqual(['yaw']);
    expect(failed(composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170, pitchDeg: -24 }] }).report)).toEqual(['pitch']);
  });

  it('closed eyes fail `eyesOpen`', () => {
    const { report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170, eyeOpenness: 0.05 }] });
    expect(failed(report)).toEqual(['eyesOpen']);
  });

  it('a dark background fails `backgroundBright`; a shadow across it fails `backgroundEven`; a tinted one `backgroundNeutral`', async () => {
    const face: FaceSpec = { cx: 320, cy: 250, width: 170 };
    const dark = composeDrawn({ width: 640, height: 480, faces: [face], background: [130, 130, 130] });
    expect(failed(dark.report)).toEqual(['backgroundBright']);
    await save('dark-background', dark.composed.photo);
    const shaded = composeDrawn({ width: 640, height: 480, faces: [face], shade: 90 });
    expect(failed(shaded.report)).toContain('backgroundEven');
    await save('shadow', shaded.composed.photo);
    const tinted = composeDrawn({ width: 640, height: 480, faces: [face], background: [210, 235, 255] });
    expect(failed(tinted.report)).toEqual(['backgroundNeutral']);
  });

  it('a patterned background fails `backgroundPlain`', () => {
    const { report } = composeDrawn({ width: 640, height: 480, faces: [{ cx: 320, cy: 250, width: 170 }], stripes: 40 });
    expect(report.checks.backgroundPlain).toBe(false);
    expect(report.checks.faceWidth).toBe(true);
  });

  it('two faces side by side: the photo is of the wider, `oneFace` fails', async () => {
    const { composed, report } = composeDrawn({
      width: 640,
      height: 480,
      faces: [
        { cx: 250, cy: 250, width: 170 },
        { cx: 440, cy: 240, width: 150 },
      ],
    });
    expect(report.figures.oneFace.value).toBe(2);
    expect(report.checks.oneFace).toBe(false);
    expect(composed.faces[0]!.faceLeft.x).toBeCloseTo(GA461.width / 2 - GA461.faceWidth / 2, 1);
    await save('two-faces', composed.photo);
  });

  it('a second face far outside the crop does not count', () => {
    const { report } = composeDrawn({
      width: 900,
      height: 480,
      faces: [
        { cx: 300, cy: 250, width: 170 },
        { cx: 800, cy: 250, width: 100 },
      ],
    });
    expect(report.checks.oneFace).toBe(true);
  });

  it('no face, or only faces the detector is unsure of: a typed error, not a photo', () => {
    const frame = drawFrame({ width: 320, height: 240, faces: [] });
    expect(() => composeGa461(frame, [])).toThrow(Ga461Error);
    const unsure = { ...landmarksOf({ cx: 160, cy: 120, width: 80 }), score: 0.5 };
    try {
      composeGa461(frame, [unsure]);
      expect.unreachable();
    } catch (error) {
      expect((error as Ga461Error).code).toBe('no-face');
    }
  });

  it('a frame whose pixels do not match its size: `bad-frame`', () => {
    const face = landmarksOf({ cx: 160, cy: 120, width: 80 });
    expect(() => composeGa461({ width: 320, height: 240, data: new Uint8ClampedArray(10) }, [face])).toThrow(/not RGBA/);
  });

  it('landmarks that are not numbers (`bad-face`) and a photo of another size (`bad-frame`) are typed errors', () => {
    const frame = drawFrame({ width: 320, height: 240, faces: [] });
    const face = landmarksOf({ cx: 160, cy: 120, width: 80 });
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof Ga461Error ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(() => composeGa461(frame, [{ ...face, chin: { x: Number.NaN, y: 200 } }]))).toBe('bad-face');
    expect(code(() => composeGa461(frame, [{ ...face, faceRight: face.faceLeft }]))).toBe('bad-face');
    expect(code(() => checkGa461(frame, [face]))).toBe('bad-frame');
  });

  it('checks a photo with no face in it as failing every face rule, with no figure made up', () => {
    const blank = drawFrame({ width: 358, height: 441, faces: [] });
    const report = checkGa461(blank, []);
    expect(report.passed).toBe(false);
    expect(report.figures.faceWidth.value).toBeNull();
    expect(report.checks.oneFace).toBe(false);
    expect(report.checks.backgroundBright).toBe(true);
  });
});
