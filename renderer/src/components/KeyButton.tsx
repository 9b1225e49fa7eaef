import { memo } from 'react';

export interface KeyButtonProps {
  /** The character the key types (its label too: digits and letters read the same in every language). */
  readonly value: string;
  readonly disabled: boolean;
  readonly onKey: (key: string) => void;
}

/**
 * One key of an on-screen keypad. Memoised: a key pressed redraws the echo and the count, not
 * every key of the pad (37 of them for an application number).
 */
export const KeyButton = memo(function KeyButton({ value, disabled, onKey }: KeyButtonProps) {
  return (
    <button type="button" className="key" data-testid="key" data-key={value} disabled={disabled} onClick={() => onKey(value)}>
      {value}
    </button>
  );
});
