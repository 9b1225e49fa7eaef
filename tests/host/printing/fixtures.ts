/** A temporary certificate as central answers it, for a made-up person of the simulators' test registry. */
import jpeg from 'jpeg-js';
import { type TemporaryCertificate, TemporaryCertificateReply } from '../../../main/host/central/central-schemas';
import { SIMULATED_FACE_JPEG } from '../../../simulators/camera/simulated-camera';
import { REGISTRY_PEOPLE } from '../../../simulators/central/test-registry';

export const HOLDER = REGISTRY_PEOPLE.find((person) => person.card === 'resident')!;

/** Checked against central's reply schema, so the fixture cannot drift from the contract. */
export function certificateFor(overrides: Partial<TemporaryCertificate> = {}): TemporaryCertificate {
  return TemporaryCertificateReply.parse({
    certificateNo: 'LS4401202611230001',
    holder: { name: HOLDER.name, sex: HOLDER.sex, birthDate: HOLDER.birthDate, idNumber: HOLDER.idNumber },
    validFrom: '2026-11-23',
    validTo: '2026-12-23',
    issuer: HOLDER.issuer,
    verifyPayload: 'https://verify.sim.invalid/temporary-certificates/LS4401202611230001',
    photoOnRecord: Buffer.from(SIMULATED_FACE_JPEG).toString('base64'),
    ...overrides,
  });
}

/** A JPEG of `width` x `height` whose grey level each pixel gets from `shade(x, y)` (0 black .. 255 white). */
export function syntheticJpeg(width: number, height: number, shade: (x: number, y: number) => number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const value = Math.max(0, Math.min(255, Math.round(shade(x, y))));
      data.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data }, 90).data;
}

/** The share of black dots in a one-byte-per-dot bitmap region. */
export function blackShare(dots: Uint8Array): number {
  let black = 0;
  for (const dot of dots) black += dot;
  return dots.length === 0 ? 0 : black / dots.length;
}
