import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CentralSimulator } from '../../simulators/central/server';
import { prepareStaffList } from '../../simulators/central/test-registry-records';
import { writeFileAtomic } from './store/key-files';

/**
 * The secret the kiosk and its embedded central simulator share: made once per data folder
 * (never a constant in the code, which anybody could read), kept next to the simulator's
 * database, readable only by the kiosk user.
 */
export function embeddedCentralSecret(dataDir: string): string {
  const file = join(dataDir, 'central-sim.secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (Buffer.from(secret, 'base64').length === 32) return secret;
    throw new Error(`${file} does not hold a base64 32-byte secret; delete it to have a new one made (simulator mode only)`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64');
  writeFileAtomic(file, secret);
  return secret;
}

export interface EmbeddedCentral {
  readonly central: CentralSimulator;
  readonly baseUrl: string;
  readonly secret: string;
}

/** Starts the central simulator inside the kiosk process (simulator mode only). */
export async function startEmbeddedCentral(dataDir: string, kioskId: string, givenSecret?: string): Promise<EmbeddedCentral> {
  const secret = givenSecret ?? embeddedCentralSecret(dataDir);
  const central = new CentralSimulator({ dbFile: join(dataDir, 'central-sim.sqlite'), secrets: { [kioskId]: secret } });
  // The host asks for its staff list soon after start (maintenance mode): hashed ahead, off the event loop.
  void prepareStaffList().catch(() => undefined);
  const baseUrl = await central.start();
  return { central, baseUrl, secret };
}
