/**
 * The little of RIFF/WAVE the spoken prompts need: find the PCM samples of a 16-bit WAV (what
 * espeak-ng writes) and scale them for the screen's volume. Anything else is refused.
 */
export class WavError extends Error {
  override readonly name = 'WavError';
}

interface PcmData {
  readonly offset: number;
  readonly length: number;
}

function pcm16Data(wav: Buffer): PcmData {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new WavError('not a RIFF/WAVE file');
  let at = 12;
  let bits = 0;
  while (at + 8 <= wav.length) {
    const id = wav.toString('ascii', at, at + 4);
    // espeak-ng writing to a pipe leaves the sizes at 0x7fffffff: the data runs to the end.
    const size = Math.min(wav.readUInt32LE(at + 4), wav.length - at - 8);
    if (id === 'fmt ' && size >= 16) {
      if (wav.readUInt16LE(at + 8) !== 1) throw new WavError('not PCM');
      bits = wav.readUInt16LE(at + 22);
    }
    if (id === 'data') {
      if (bits !== 16) throw new WavError(`${bits}-bit samples, 16 expected`);
      return { offset: at + 8, length: size - (size % 2) };
    }
    at += 8 + size + (size % 2);
  }
  throw new WavError('no data chunk');
}

/** A copy of a 16-bit PCM WAV with every sample scaled by volume/100 (100 gives the same bytes). */
export function scaleWavVolume(wav: Buffer, volume: number): Buffer {
  const { offset, length } = pcm16Data(wav);
  const out = Buffer.from(wav);
  if (volume >= 100) return out;
  const factor = Math.max(0, volume) / 100;
  for (let at = offset; at < offset + length; at += 2) out.writeInt16LE(Math.round(wav.readInt16LE(at) * factor), at);
  return out;
}

