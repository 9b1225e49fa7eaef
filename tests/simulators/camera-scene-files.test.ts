/**
 * The fake camera's live file (what Chromium's --use-file-for-fake-video-capture reads) is a link
 * to the scene's video, replaced whole at each switch: no 33 MB copy holding the kiosk's event
 * loop at start (issue 12's cold start) or when the technician panel switches.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sceneFile, showScene } from '../../simulators/camera/scene-files';

describe('fake camera scenes', { timeout: 120_000 }, () => {
  it('shows a scene as a link to its video and switches by replacing the link', () => {
    const folder = mkdtempSync(join(tmpdir(), 'scene-files-'));
    const live = join(folder, 'camera', 'fake-camera.y4m');
    expect(showScene(live, 'cooperative')).toBe(live);
    expect(lstatSync(live).isSymbolicLink()).toBe(true);
    expect(realpathSync(live)).toBe(realpathSync(sceneFile('cooperative')));
    showScene(live, 'no-face');
    expect(readFileSync(live).equals(readFileSync(sceneFile('no-face')))).toBe(true);
    // Nothing half-made is left beside it.
    expect(readdirSync(join(folder, 'camera'))).toEqual(['fake-camera.y4m']);
  });
});
