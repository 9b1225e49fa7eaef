import { useTranslation } from '../../translation';
import { Keypad } from '../../components/Keypad';
import { QrScanner } from '../../components/QrScanner';
import { StepFooter } from '../../components/StepFooter';
import type { Step } from '../SessionScreens';
import type { PickupActions } from './pickup-actions';

/** A phone-style pad: digits, and X for an ID number's check character. */
const ID_NUMBER_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];
const CODE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const FIELD_TEXTS = {
  idNumber: { title: 'pickup.input.idNumber.title', hint: 'pickup.input.idNumber.hint' },
  pickupCode: { title: 'pickup.input.pickupCode.title', hint: 'pickup.input.pickupCode.hint' },
} as const;
/** What a scanned QR must hold to be taken as a pickup code (the host checks it again). */
const isPickupCode = (text: string) => /^\d{6,8}$/.test(text);
const PAD_TEXTS = { typed: 'pickup.input.typed', label: 'pickup.keypad.label', delete: 'pickup.keypad.delete', confirm: 'pickup.keypad.confirm' } as const;

/** The pickup code or the ID number on the on-screen keypad; the host checks each key as it is typed. */
export function PickupKeypadScreen({ view, actions }: { readonly view: Step<'pickup-input'>; readonly actions: PickupActions }) {
  const { t } = useTranslation();
  const texts = FIELD_TEXTS[view.field];
  return (
    <main className="screen step flow pickup" data-testid="screen-pickup-input" data-field={view.field}>
      <h1 data-testid="prompt">{t(texts.title)}</h1>
      <p className="hint">{t(texts.hint)}</p>
      <Keypad
        keys={view.field === 'idNumber' ? ID_NUMBER_KEYS : CODE_KEYS}
        echo={view.echo}
        typed={view.typed}
        maxLength={view.maxLength}
        texts={{ title: texts.title, ...PAD_TEXTS }}
        messageKey={view.messageKey}
        field={view.field}
        onKey={actions.keypad}
        onConfirm={actions.confirm}
      >
        {/* The code's QR on the receipt does as well as typing it. */}
        {view.field === 'pickupCode' ? <QrScanner accept={isPickupCode} onCode={actions.scanned} hintKey="pickup.scan.hint" unavailableKey="pickup.scan.unavailable" /> : null}
      </Keypad>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
