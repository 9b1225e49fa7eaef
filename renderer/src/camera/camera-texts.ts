/** Catalogue keys of the camera step, spelled out so the catalogue test finds every one. */
import type { LivenessPrompt } from '../../../main/api/camera-contract';
import type { Ga461CheckName } from './ga461';
import type { Guidance } from './guidance';

export const GUIDANCE_KEYS: Readonly<Record<Guidance, string>> = {
  moreLight: 'camera.guide.moreLight',
  noFace: 'camera.guide.noFace',
  oneFaceOnly: 'camera.guide.oneFaceOnly',
  uncover: 'camera.guide.uncover',
  comeCloser: 'camera.guide.comeCloser',
  moveBack: 'camera.guide.moveBack',
  moveToCentre: 'camera.guide.moveToCentre',
  faceCamera: 'camera.guide.faceCamera',
  hold: 'camera.guide.hold',
};

/** The prompt, and (turn-head) its second half once the first is done. */
export const PROMPT_KEYS: Readonly<Record<LivenessPrompt, { readonly first: string; readonly second: string }>> = {
  blink: { first: 'camera.prompt.blink', second: 'camera.prompt.blink' },
  'turn-head': { first: 'camera.prompt.turnLeft', second: 'camera.prompt.turnRight' },
};

export const CHECK_KEYS: Readonly<Record<Ga461CheckName, string>> = {
  oneFace: 'camera.check.oneFace',
  centred: 'camera.check.centred',
  faceWidth: 'camera.check.faceWidth',
  headTop: 'camera.check.headTop',
  eyeLine: 'camera.check.eyeLine',
  yaw: 'camera.check.yaw',
  pitch: 'camera.check.pitch',
  roll: 'camera.check.roll',
  eyesOpen: 'camera.check.eyesOpen',
  backgroundBright: 'camera.check.backgroundBright',
  backgroundEven: 'camera.check.backgroundEven',
  backgroundPlain: 'camera.check.backgroundPlain',
  backgroundNeutral: 'camera.check.backgroundNeutral',
};
