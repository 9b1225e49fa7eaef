/**
 * The technician panel switches the scene Chromium's fake camera plays: the file the window reads
 * is replaced whole by the chosen scene's video (camera.e2e.test.ts shows Chromium opening the
 * file again at each camera step, so the next step sees the new scene).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type PanelServer, startSimulatorPanel } from '../../main/cli/sim-panel/server';
import { FakeCameraScenes, sceneFile } from '../../simulators/camera/scene-files';

let panel: PanelServer | undefined;
afterEach(async () => {
  await panel?.close();
  panel = undefined;
});

const post = (body: unknown) =>
  fetch(`${panel!.url}api/camera`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('technician panel: camera scenes', { timeout: 120_000 }, () => {
  it('shows the scene, replaces the fake camera file with the chosen one, and refuses unknown scenes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'panel-camera-')), 'camera.y4m');
    const camera = new FakeCameraScenes(file);
    camera.show('cooperative');
    panel = await startSimulatorPanel({ camera });
    const state = (await (await fetch(`${panel.url}api/state`)).json()) as { camera: { scene: string; scenes: string[] } };
    expect(state.camera.scene).toBe('cooperative');
    expect(state.camera.scenes).toContain('two-faces');

    const reply = await post({ action: 'scene', scene: 'no-face' });
    expect(reply.status).toBe(200);
    expect(readFileSync(file).equals(readFileSync(sceneFile('no-face')))).toBe(true);
    expect(((await (await fetch(`${panel.url}api/state`)).json()) as { camera: { scene: string } }).camera.scene).toBe('no-face');

    expect((await post({ action: 'scene', scene: 'a-cat' })).status).toBe(400);
    expect(readFileSync(file).equals(readFileSync(sceneFile('no-face')))).toBe(true);
    // The page lists every scene to choose from.
    expect(await (await fetch(panel.url)).text()).toContain('<option value="off-centre">');
  });
});
