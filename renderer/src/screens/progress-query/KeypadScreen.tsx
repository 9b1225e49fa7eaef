import { useTranslation } from '../../translation';
import { KEYPAD_CHARACTERS } from '../../../../main/api/contract';
import { Keypad } from '../../components/Keypad';
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
 * The progress query's keypad: the application number, then the last 4 (echoed as dots by the host).
 */
export function KeypadScreen({ view, actions }: { readonly view: Step<'query-input'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  const texts = FIELD_TEXTS[view.field];
  const keys = view.field === 'idNumberLast4' ? LAST4_KEYS : KEYPAD_CHARACTERS;
  return (
    <main className="screen step flow query" data-testid="screen-query-input" data-field={view.field}>
      <h1 data-testid="prompt">{t(texts.title)}</h1>
      <p className="hint">{t(texts.hint)}</p>
      <Keypad
        keys={keys}
        echo={view.echo}
        typed={view.typed}
        maxLength={view.maxLength}
        texts={{ title: texts.title, typed: 'progressQuery.input.typed', label: 'progressQuery.keypad.label', delete: 'progressQuery.keypad.delete', confirm: 'progressQuery.keypad.confirm' }}
        messageKey={view.messageKey}
        field={view.field}
        onKey={actions.keypad}
        onConfirm={actions.confirm}
      />
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
