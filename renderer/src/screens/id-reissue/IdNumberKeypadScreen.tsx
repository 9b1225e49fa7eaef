import { useTranslation } from '../../translation';
import { KeyButton } from '../../components/KeyButton';
import { StepFooter } from '../../components/StepFooter';
import { ID_NUMBER_PARTS } from '../../flow/id-reissue-parts';
import type { QueryActions } from '../progress-query/query-actions';
import type { Step } from '../SessionScreens';

/** A phone-style pad of digits, X for the check character, large keys. */
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];

/**
 * The ID number on the on-screen keypad. The host keeps what is typed and checks it as it grows;
 * the screen shows its echo in the number's parts (region, birth date, sequence, check character)
 * and marks the part that is wrong.
 */
export function IdNumberKeypadScreen({ view, actions }: { readonly view: Step<'reissue-id-input'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  const full = view.typed >= 18;
  return (
    <main className="screen step flow query reissue" data-testid="screen-reissue-id-input">
      <h1 data-testid="prompt">{t('idReissue.input.title')}</h1>
      <p className="hint">{t('idReissue.input.hint')}</p>
      <output className="keypad-echo reissue-echo" data-testid="echo" aria-label={t('idReissue.input.title')}>
        {ID_NUMBER_PARTS.map((part) => (
          <span key={part.name} className={view.problemPart === part.name ? 'echo-part wrong' : 'echo-part'} data-part={part.name}>
            {view.echo.slice(part.from, part.to) || '\u00a0'}
          </span>
        ))}
      </output>
      <p className="keypad-count" data-testid="typed-count">
        {t('progressQuery.input.typed', { typed: view.typed, max: 18 })}
      </p>
      {view.problemKey ? (
        <p className="note keypad-message" role="alert" data-testid="input-message">
          {t(view.problemKey)}
        </p>
      ) : null}
      <div className="keypad keypad-idNumber" role="group" aria-label={t('progressQuery.keypad.label')}>
        {KEYS.map((key) => (
          <KeyButton key={key} value={key} disabled={full || (key === 'X' && view.typed !== 17)} onKey={actions.keypad} />
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
