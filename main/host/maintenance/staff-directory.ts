import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CentralApi } from '../central/central-api';
import type { StaffMember } from '../central/central-schemas';
import type { Logger } from '../log';
import type { KioskState } from '../operation/kiosk-state';

/** Where the last staff list central sent is kept (the kiosk_state table), for use offline. */
const CACHE_KEY = 'maintenance-staff-list';

/** scrypt's memory is 128 * N * r bytes; a list asking for more than this is refused, not run. */
const MAX_SCRYPT_MEMORY = 64 * 1024 * 1024;

const CachedList = z.object({
  fetchedAtMs: z.number(),
  staff: z.array(
    z.object({
      staffId: z.string(),
      idNumberSha256: z.string(),
      pin: z.object({ kdf: z.literal('scrypt'), salt: z.string(), N: z.number(), r: z.number(), p: z.number(), hash: z.string() }),
    }),
  ),
});

/** A staff member as the kiosk keeps one: no name, only what entry needs. */
export type StaffEntry = z.infer<typeof CachedList>['staff'][number];

export const idNumberDigest = (idNumber: string): string => createHash('sha256').update(idNumber, 'utf8').digest('hex');

/** Derives the PIN's scrypt hash off the event loop (libuv's thread pool). */
function derive(pin: string, entry: StaffEntry, keyLength: number): Promise<Buffer> {
  const { N, r, p } = entry.pin;
  return new Promise((resolve, reject) => {
    scrypt(pin, Buffer.from(entry.pin.salt, 'base64'), keyLength, { N, r, p, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * The field staff allowed to open maintenance mode here, from `GET /kiosks/{id}/staff`, cached in
 * the journal's database so that a kiosk cut off from central still lets its technician in.
 * Refreshed at start and whenever a heartbeat says the list changed. Names are not kept.
 */
export class StaffDirectory {
  readonly #state: KioskState;
  readonly #central: Pick<CentralApi, 'kioskStaff'>;
  readonly #log: Logger;
  readonly #now: () => number;

  constructor(deps: { state: KioskState; central: Pick<CentralApi, 'kioskStaff'>; log: Logger; now: () => number }) {
    this.#state = deps.state;
    this.#central = deps.central;
    this.#log = deps.log;
    this.#now = deps.now;
  }

  /** The cached list; empty when central never answered. A damaged cache counts as empty. */
  get staff(): readonly StaffEntry[] {
    const parsed = CachedList.safeParse(this.#state.read(CACHE_KEY));
    return parsed.success ? parsed.data.staff : [];
  }

  /** Asks central for the list and caches it; on failure the cached list stays as it was. */
  async refresh(): Promise<boolean> {
    const result = await this.#central.kioskStaff();
    if (!result.ok) {
      this.#log.warn({ reason: result.kind }, 'staff list not refreshed; the cached one stays');
      return false;
    }
    const staff = result.value.map((member: StaffMember): StaffEntry => ({ staffId: member.staffId, idNumberSha256: member.idNumberSha256.toLowerCase(), pin: member.pin }));
    this.#state.write(CACHE_KEY, { fetchedAtMs: this.#now(), staff });
    this.#log.info({ staff: staff.length }, 'staff list refreshed');
    return true;
  }

  /** The staff member whose card carries this ID number, if any. */
  byIdNumber(idNumber: string): StaffEntry | undefined {
    const digest = idNumberDigest(idNumber);
    return this.staff.find((entry) => entry.idNumberSha256 === digest);
  }

  /**
   * Checks a PIN against the staff member's scrypt hash: derived off the event loop, compared in
   * constant time. A hash with parameters beyond the memory limit or unreadable counts as wrong.
   */
  async pinMatches(entry: StaffEntry, pin: string): Promise<boolean> {
    const expected = Buffer.from(entry.pin.hash, 'base64');
    if (expected.length !== 32 || 128 * entry.pin.N * entry.pin.r > MAX_SCRYPT_MEMORY) {
      this.#log.error({ staffId: entry.staffId }, 'staff PIN hash has parameters this kiosk refuses');
      return false;
    }
    try {
      const actual = await derive(pin, entry, expected.length);
      return timingSafeEqual(actual, expected);
    } catch (error) {
      this.#log.error({ err: error, staffId: entry.staffId }, 'staff PIN could not be checked');
      return false;
    }
  }
}
