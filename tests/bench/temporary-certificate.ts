/**
 * The temporary identity certificate slip: composing it (JPEG decode, scale, dither, layout,
 * encoding) against decoding the same photo alone in the same run (the part no layout can avoid),
 * the job's size, and what that size costs on the contract's 115200 8N1 serial link.
 */
import jpeg from 'jpeg-js';
import { encodeDocument } from '../../drivers/printer/codec';
import { temporaryCertificateDocument } from '../../main/host/printing/temporary-certificate';
import { SIMULATED_FACE_JPEG } from '../../simulators/camera/simulated-camera';
import { certificateFor } from '../host/printing/fixtures';
import { medianAndP95, ratioToBaseline, round, runIfMain } from './stats';

const WARMUP = 3;
const RUNS = 30;
/** 8N1: ten bit times per byte. */
const SERIAL_BITS_PER_SECOND = 115_200;

function timed(runs: number, operation: () => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < WARMUP + runs; run += 1) {
    const started = performance.now();
    operation();
    if (run >= WARMUP) times.push(performance.now() - started);
  }
  return times;
}

export async function bench(): Promise<Record<string, number>> {
  const certificate = certificateFor();
  const decode = timed(RUNS, () => jpeg.decode(SIMULATED_FACE_JPEG, { useTArray: true, formatAsRGBA: true }));
  let bytes = 0;
  const compose = timed(RUNS, () => {
    const slip = temporaryCertificateDocument(certificate);
    if (!slip.ok) throw slip.error;
    bytes = encodeDocument(slip.document).length;
  });
  return {
    ...medianAndP95('temporaryCertificate.composeMs', compose),
    ...medianAndP95('temporaryCertificate.photoDecodeMs', decode),
    ...ratioToBaseline('temporaryCertificate.composeMs', compose, decode),
    'temporaryCertificate.jobBytes': bytes,
    'temporaryCertificate.serialSeconds': round((bytes * 10) / SERIAL_BITS_PER_SECOND),
  };
}

runIfMain(import.meta.url, bench);
