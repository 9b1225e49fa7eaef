/**
 * How the camera step has each frame analysed: the light guidance analysis while the citizen is
 * being placed, the whole analysis (detector on every frame, iris) for the frames a decision is
 * taken on. Walks the step's hold counter as CaptureRun does.
 */
import { describe, expect, it } from 'vitest';
import { CAPTURE_TIMING, detectModeFor } from '../../renderer/src/camera/capture-run';
import { detectOptions } from '../../renderer/src/camera/detector';

describe('detectModeFor', () => {
  it('guides lightly until the frame that completes the hold, which is analysed whole', () => {
    const modes = Array.from({ length: CAPTURE_TIMING.holdFrames }, (_, held) => detectModeFor('guiding', held));
    expect(modes.at(-1)).toBe('full');
    expect(modes.slice(0, -1).every((mode) => mode === 'guide')).toBe(true);
    // A still refused (eyes mid-blink) leaves the hold complete: the next frames are whole too.
    expect(detectModeFor('guiding', CAPTURE_TIMING.holdFrames + 4)).toBe('full');
  });

  it('analyses every frame of a liveness prompt with the iris, however the hold stood', () => {
    for (const held of [0, 1, CAPTURE_TIMING.holdFrames]) expect(detectModeFor('prompt', held)).toBe('prompt');
  });
});

describe('detectOptions', () => {
  const options = (mode: 'guide' | 'prompt' | 'full') => detectOptions(mode) as { cacheSensitivity: number; face: { detector: { skipFrames: number; skipTime: number }; iris: { enabled: boolean } } };

  it('full: the box detector on every frame (human never skips with cacheSensitivity 0) and the iris model', () => {
    const full = options('full');
    expect(full.cacheSensitivity).toBe(0);
    expect(full.face.detector).toEqual({ skipFrames: 0, skipTime: 0 });
    expect(full.face.iris.enabled).toBe(true);
  });

  it('prompt: the iris on every frame, the box detector skipping as while guiding', () => {
    const prompt = options('prompt');
    expect(prompt.face.iris.enabled).toBe(true);
    expect(prompt.face.detector).toEqual(options('guide').face.detector);
    expect(prompt.cacheSensitivity).toBeGreaterThan(255);
  });

  it('guide: lets the detector skip whatever the frame difference (above the 255 a frame can differ by), no iris', () => {
    const guide = options('guide');
    expect(guide.cacheSensitivity).toBeGreaterThan(255);
    expect(guide.face.detector.skipFrames).toBeGreaterThan(0);
    expect(guide.face.detector.skipTime).toBeLessThanOrEqual(200);
    expect(guide.face.iris.enabled).toBe(false);
  });
});
