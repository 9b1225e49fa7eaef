import type { SessionActions } from '../SessionScreens';

/** What the progress query's screens send besides the common actions. */
export interface QueryActions extends SessionActions {
  /** A key of the on-screen keypad: a character, or 'delete'. */
  readonly keypad: (key: string) => void;
  /** Confirms what the keypad shows. */
  readonly confirm: () => void;
}
