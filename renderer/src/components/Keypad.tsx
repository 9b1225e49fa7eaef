import type { ReactNode } from 'react';
import { useTranslation } from '../translation';
import { KeyButton } from './KeyButton';

export interface KeypadProps {
  /** The keys offered, in order (digits, X, letters). */
  readonly keys: readonly string[];
  /** What is typed so far, as the host echoes it (masked where it must be). */
  readonly echo: string;
  readonly typed: number;
  readonly maxLength: number;
  /** i18n keys of the field's title, the count line ({{typed}}, {{max}}), the pad's label, delete and confirm. */
  readonly texts: { readonly title: string; readonly typed: string; readonly label: string; readonly delete: string; readonly confirm: string };
  /** Why the entry is not right (an i18n key), or null. */
  readonly messageKey: string | null;
  /** Names the field for layout: `field-<field>` on the echo, `keypad-<field>` on the pad. */
  readonly field: string;
  readonly onKey: (key: string) => void;
  readonly onConfirm: () => void;
  /** Anything between the pad and the confirm button (a way to scan instead). */
  readonly children?: ReactNode;
}

/**
 * The on-screen keypad (no physical keyboard on a kiosk): the host's echo, how much is typed, why
 * the entry is refused, the keys, delete and confirm. The host keeps what is typed and checks it.
 */
export function Keypad({ keys, echo, typed, maxLength, texts, messageKey, field, onKey, onConfirm, children }: KeypadProps) {
  const { t } = useTranslation();
  const full = typed >= maxLength;
  return (
    <>
      <output className={`keypad-echo field-${field}`} data-testid="echo" aria-label={t(texts.title)}>
        {echo || '\u00a0'}
      </output>
      <p className="keypad-count" data-testid="typed-count">
        {t(texts.typed, { typed, max: maxLength })}
      </p>
      {messageKey ? (
        <p className="note keypad-message" role="alert" data-testid="input-message">
          {t(messageKey)}
        </p>
      ) : null}
      <div className={`keypad keypad-${field}`} role="group" aria-label={t(texts.label)}>
        {keys.map((key) => (
          <KeyButton key={key} value={key} disabled={full} onKey={onKey} />
        ))}
        <button type="button" className="key key-delete" data-testid="key-delete" disabled={typed === 0} onClick={() => onKey('delete')}>
          {t(texts.delete)}
        </button>
      </div>
      {children}
      <div className="actions">
        <button type="button" className="primary" data-testid="key-confirm" disabled={typed === 0} onClick={onConfirm}>
          {t(texts.confirm)}
        </button>
      </div>
    </>
  );
}
