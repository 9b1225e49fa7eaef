/**
 * The kiosk secret central hands out at enrolment, kept sealed at rest: AES-256-GCM under the data
 * key of the store's key ring (`<dataDir>/keys/`), bound to the kiosk id, in a file readable only
 * by the kiosk user (0600), written atomically. The configuration names the file instead of
 * carrying the secret in clear.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic, loadKeyRing } from '../../main/host/store/key-files';
import { createSealer, SealedValueError } from '../../main/host/store/sealing';
import { ConfigError } from '../load';

/** File name inside the data folder. */
export const CENTRAL_SECRET_FILE = 'central-secret.sealed';

const aadFor = (kioskId: string) => `central-secret:${kioskId}`;

function sealerOf(dataDir: string) {
  const ring = loadKeyRing(join(dataDir, 'keys'));
  return ring ? createSealer(ring) : null;
}

/**
 * Seals `secretBase64` for `kioskId` into `<dataDir>/central-secret.sealed`. The store must have
 * been opened on `dataDir` before (it makes the first key and registers it with the journal).
 */
export function storeCentralSecret(dataDir: string, kioskId: string, secretBase64: string): string {
  const sealer = sealerOf(dataDir);
  if (!sealer) throw new Error(`no data key in ${join(dataDir, 'keys')}: open the store on this data folder first`);
  const file = join(dataDir, CENTRAL_SECRET_FILE);
  writeFileAtomic(file, sealer.seal(Buffer.from(secretBase64, 'utf8'), aadFor(kioskId)), 0o600);
  return file;
}

/** The secret (base64) sealed in `file` (relative to the data folder) for `kioskId`; a ConfigError names what is wrong. */
export function readCentralSecret(dataDir: string, file: string, kioskId: string): string {
  const path = isAbsolute(file) ? file : join(dataDir, file);
  if (!existsSync(path)) throw new ConfigError(path, `${path} (the sealed central secret the configuration names) does not exist: provision the terminal again (npx kiosk provision)`);
  const sealer = sealerOf(dataDir);
  if (!sealer) throw new ConfigError(path, `${path} cannot be opened: the data keys folder ${join(dataDir, 'keys')} holds no key`);
  try {
    return sealer.open(readFileSync(path), aadFor(kioskId)).toString('utf8');
  } catch (error) {
    if (error instanceof SealedValueError) {
      throw new ConfigError(path, `${path} does not open as the central secret of ${kioskId} (${error.problem}): provision the terminal again`);
    }
    throw error;
  }
}
