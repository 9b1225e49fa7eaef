import type { Db } from '../store/database';

/** Command ids kept to recognise a repeated command; older ones are dropped. */
const MAX_DONE_COMMANDS = 200;

/**
 * What the kiosk must remember about its own operation across restarts (the daily 04:00 restart
 * included): whether central took it out of service, and which of central's commands it has
 * already carried out (central may send a command again until it sees its effect; a repeated
 * `restart` must not restart the kiosk in a loop).
 */
export class KioskState {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** A damaged value counts as out of service: a terminal nobody watches fails closed. */
  get outOfService(): boolean {
    const value = this.#get('out-of-service');
    return value !== false && value !== undefined;
  }

  set outOfService(value: boolean) {
    this.#set('out-of-service', value);
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
