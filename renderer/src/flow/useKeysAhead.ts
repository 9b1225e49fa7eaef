import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionView } from '../../../main/api/contract';
import { isKeypadStep, withKeysAhead } from './keys-ahead';

export interface KeysAheadOptions {
  /** Sends one key to the host; resolves with its view after it. */
  readonly send: (key: string) => Promise<SessionView>;
  /** The host's answer to a key (the screen takes it as it takes any view). */
  readonly answered: (view: SessionView) => void;
  /** The host refused a key (or could not be reached): the keys after it are dropped. */
  readonly refused: (error: unknown) => void;
  /** Another command is on its way: a key now is dropped, as any second tap is. */
  readonly blocked: () => boolean;
  /** Keys are on their way (true) or all answered (false). */
  readonly busy: (busy: boolean) => void;
}

export interface KeysAhead {
  /** The session as the screen shows it: the host's last view, with the keys not yet in it. */
  readonly view: SessionView;
  readonly press: (key: string) => void;
  /** Keys are pressed whose effect the host has not shown yet: another command now would overtake them. */
  readonly pending: () => boolean;
}

interface Ahead {
  /** The host's view when the first of `keys` was sent. */
  readonly base: SessionView;
  /** Pressed and not yet answered, in order; the first is on its way, the others wait for its answer. */
  readonly keys: readonly string[];
}

/**
 * The on-screen keypad's keys, echoed at once (keys-ahead.ts) and sent to the host one at a
 * time, in order: a key pressed while the one before is on its way waits for that one's answer
 * instead of being dropped. The host stays the keeper of what is typed: its views replace the
 * echo as they come, and a refused key drops those pressed after it.
 */
export function useKeysAhead(session: SessionView, options: KeysAheadOptions): KeysAhead {
  const [ahead, setAhead] = useState<Ahead | null>(null);
  const aheadRef = useRef<Ahead | null>(null);
  const sessionRef = useRef(session);
  const optionsRef = useRef(options);
  useEffect(() => {
    sessionRef.current = session;
    optionsRef.current = options;
  });

  const show = useCallback((next: Ahead | null) => {
    aheadRef.current = next;
    setAhead(next);
  }, []);

  const sendFirst = useCallback(
    (state: Ahead) => {
      const key = state.keys[0];
      if (key === undefined) return;
      optionsRef.current.send(key).then(
        (view) => {
          optionsRef.current.answered(view);
          const rest = aheadRef.current?.keys.slice(1) ?? [];
          // The keys left go on only while the same keypad step is up.
          const sameStep = isKeypadStep(view) && view.step === state.base.step && 'sessionId' in state.base && view.sessionId === state.base.sessionId;
          if (rest.length === 0 || !sameStep) {
            show(null);
            optionsRef.current.busy(false);
            return;
          }
          const next = { base: view, keys: rest };
          show(next);
          sendFirst(next);
        },
        (error: unknown) => {
          show(null);
          optionsRef.current.busy(false);
          optionsRef.current.refused(error);
        },
      );
    },
    [show],
  );

  const press = useCallback(
    (key: string) => {
      const current = aheadRef.current;
      if (current) {
        show({ base: current.base, keys: [...current.keys, key] });
        return;
      }
      if (optionsRef.current.blocked()) return;
      const next = { base: sessionRef.current, keys: [key] };
      show(next);
      optionsRef.current.busy(true);
      sendFirst(next);
    },
    [show, sendFirst],
  );

  const pending = useCallback(() => {
    const current = aheadRef.current;
    // One key on its way whose effect the host has shown already (its session event came before
    // the reply): the host has it, a command after it cannot overtake it.
    return current !== null && !(current.keys.length === 1 && sessionRef.current !== current.base);
  }, []);

  // The first key is in the host's view once that view is no longer the one it was sent against.
  const view = useMemo(() => (ahead === null ? session : withKeysAhead(session, session === ahead.base ? ahead.keys : ahead.keys.slice(1))), [session, ahead]);
  return { view, press, pending };
}
