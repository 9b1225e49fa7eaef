/**
 * The self-test's camera check, in the two places provisioning runs:
 * - on the first-boot screen the page takes one frame from its camera (the camera belongs to the
 *   kiosk window, not to the host) and sends its figures; `judgeFrame` decides here, on the host,
 *   whether it is a picture or a covered lens (black, or one flat colour);
 * - on the command line there is no page: `v4l2NodeCheck` says whether the V4L2 device nodes
 *   exist and open, and leaves the camera "not tested" (no frame was taken), never "passed".
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CameraFrameFigures } from '../../main/api/provisioning-contract';
import type { CheckReport } from './self-test';

/** Runs the camera part of the self-test. */
export type CameraCheck = () => Promise<CheckReport>;

/** Mean luma (0..255) below which the picture is black: the lens is covered (as the camera step judges it). */
export const COVERED_MEAN_LUMA = 8;
/** Brightest minus darkest sampled pixel below which the picture is one flat colour (tape, a cap, a dead sensor). */
export const FLAT_SPREAD = 10;

/** The verdict on the frame the screen took (or on why it took none). */
export function judgeFrame(frame: CameraFrameFigures): CheckReport {
  if (!frame.taken) return { result: 'failed', detail: `no frame from the screen's camera: ${frame.condition}: ${frame.detail}`, condition: frame.condition };
  const figures = { width: frame.width, height: frame.height, meanLuma: Math.round(frame.meanLuma), spread: Math.round(frame.spread), source: 'screen' };
  const size = `${frame.width}x${frame.height}`;
  if (frame.meanLuma < COVERED_MEAN_LUMA) return { result: 'failed', detail: `frame ${size} is black (mean luma ${figures.meanLuma}): the lens is covered`, covered: true, ...figures };
  if (frame.spread < FLAT_SPREAD) return { result: 'failed', detail: `frame ${size} is one flat colour (luma spread ${figures.spread}): the lens is covered`, covered: true, ...figures };
  return { result: 'passed', detail: `frame ${size} taken, mean luma ${figures.meanLuma}`, covered: false, ...figures };
}

/**
 * The command line's camera check: the V4L2 nodes (`/dev/video*`) are listed and each is opened
 * read-only and closed again (opening takes no frame and moves nothing). Opening is not seeing, so
 * the camera stays "not tested" with what was found; a node that exists but does not open fails.
 */
export async function v4l2NodeCheck(devDir = '/dev'): Promise<CheckReport> {
  const names = (await readdir(devDir).catch(() => [] as string[])).filter((name) => /^video\d+$/.test(name)).sort();
  const onScreen = 'the camera takes its frame on the first-boot screen';
  if (names.length === 0) return { result: 'not-tested', detail: `no V4L2 camera node in ${devDir}; ${onScreen}`, nodes: [] };
  const nodes: { path: string; opens: boolean; error?: string }[] = [];
  for (const name of names) {
    const path = join(devDir, name);
    try {
      const handle = await open(path, 'r');
      await handle.close();
      nodes.push({ path, opens: true });
    } catch (error) {
      nodes.push({ path, opens: false, error: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  const opening = nodes.filter((node) => node.opens).map((node) => node.path);
  if (opening.length === 0) return { result: 'failed', detail: `V4L2 node(s) ${names.join(', ')} exist but none opens (${nodes[0]?.error ?? ''})`, nodes };
  return { result: 'not-tested', detail: `V4L2 node(s) ${opening.join(', ')} open; no frame taken on the command line: ${onScreen}`, nodes };
}
