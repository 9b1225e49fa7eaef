import type { Db } from '../store/database';

/** Who took the kiosk out of service: each holds it out until the same one puts it back. */
export type ServiceHolder = 'staff' | 'central';

/**
 * Where each holder's flag is kept. Central's is the key central's commands always used, so a kiosk
 * updated while central held it out stays out.
 */
const HOLD_KEYS: Readonly<Record<ServiceHolder, string>> = { central: 'out-of-service', staff: 'out-of-service-by-staff' };

/** Command ids kept to recognise a repeated command; older ones are dropped. */
const MAX_DONE_COMMANDS = 200;

/**
 * What the kiosk must remember about its own operation across restarts (the daily 04:00 restart
 * included): whether central or field staff took it out of service (two reasons, each lifted only
 * by whoever set it), and which of central's commands it has
 * already carried out (central may send a command again until it sees its effect; a repeated
 * `restart` must not restart the kiosk in a loop).
 */
export class KioskState {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Out of service for citizens: staff or central holds it out. */
  get outOfService(): boolean {
    return this.heldOutBy('staff') || this.heldOutBy('central');
  }

  /** A damaged value counts as held out: a terminal nobody watches fails closed. */
  heldOutBy(holder: ServiceHolder): boolean {
    const value = this.#get(HOLD_KEYS[holder]);
    return value !== false && value !== undefined;
  }

  /** Sets or lifts one holder's reason; the other's stays as it is. */
  holdOut(holder: ServiceHolder, value: boolean): void {
    this.#set(HOLD_KEYS[holder], value);
  }

  /** The set of command ids carried out, as the heartbeat wants it. */
  readonly commandsDone = {
    has: (id: string): boolean => this.#doneIds().includes(id),
    add: (id: string): void => {
      const ids = this.#doneIds().filter((done) => done !== id);
      ids.push(id);
      this.#set('commands-done', ids.slice(-MAX_DONE_COMMANDS));
    },
  };

  /** Another part's value kept across restarts (maintenance: staff list, PIN lockout), or undefined. */
  read(key: string): unknown {
    return this.#get(key);
  }

  write(key: string, value: unknown): void {
    this.#set(key, value);
  }

  #doneIds(): string[] {
    const value = this.#get('commands-done');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  }

  #get(key: string): unknown {
    const row = this.#db.prepare('SELECT value FROM kiosk_state WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return null;
    }
  }

  #set(key: string, value: unknown): void {
    this.#db
      .prepare('INSERT INTO kiosk_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
