import { useTranslation } from 'react-i18next';
import { KEYPAD_CHARACTERS } from '../../../../main/api/contract';
import { StepFooter } from '../../components/StepFooter';
import type { Step } from '../SessionScreens';
import type { QueryActions } from './query-actions';

/** The last 4 of an ID number: a phone-style pad of digits with X for the check character. */
const LAST4_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];
const FIELD_TEXTS = {
  applicationNo: { title: 'progressQuery.input.applicationNo.title', hint: 'progressQuery.input.applicationNo.hint' },
  idNumberLast4: { title: 'progressQuery.input.idNumberLast4.title', hint: 'progressQuery.input.idNumberLast4.hint' },
} as const;

/**
 * The on-screen keypad (no physical keyboard on a kiosk). The host keeps what is typed and checks
 * it; the screen only shows the host's echo (the last 4 as dots) and sends each key.
 */
export function KeypadScreen({ view, actions }: { readonly view: Step<'query-input'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  const texts = FIELD_TEXTS[view.field];
  const keys = view.field === 'idNumberLast4' ? LAST4_KEYS : KEYPAD_CHARACTERS;
  const full = view.typed >= view.maxLength;
  return (
    <main className="screen step flow query" data-testid="screen-query-input" data-field={view.field}>
      <h1 data-testid="prompt">{t(texts.title)}</h1>
      <p className="hint">{t(texts.hint)}</p>
      <output className={`keypad-echo field-${view.field}`} data-testid="echo" aria-label={t(texts.title)}>
        {view.echo || '\u00a0'}
      </output>
      <p className="keypad-count" data-testid="typed-count">
        {t('progressQuery.input.typed', { typed: view.typed, max: view.maxLength })}
      </p>
      {view.messageKey ? (
        <p className="note keypad-message" role="alert" data-testid="input-message">
          {t(view.messageKey)}
        </p>
      ) : null}
      <div className={`keypad keypad-${view.field}`} role="group" aria-label={t('progressQuery.keypad.label')}>
        {keys.map((key) => (
          <button key={key} type="button" className="key" data-testid="key" data-key={key} disabled={full} onClick={() => actions.keypad(key)}>
            {key}
          </button>
        ))}
        <button type="button" className="key key-delete" data-testid="key-delete" disabled={view.typed === 0} onClick={() => actions.keypad('delete')}>
          {t('progressQuery.keypad.delete')}
        </button>
      </div>
      <div className="actions">
        <button type="button" className="primary" data-testid="key-confirm" disabled={view.typed === 0} onClick={actions.confirm}>
          {t('progressQuery.keypad.confirm')}
        </button>
      </div>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
