import { useTranslation } from '../../translation';
import { Keypad } from '../../components/Keypad';
import { StepFooter } from '../../components/StepFooter';
import { clockText, type MaintenanceSend, type MaintenanceStep } from './maintenance-actions';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const PIN_TEXTS = {
  title: 'maintenance.pin.title',
  typed: 'maintenance.pin.typed',
  label: 'maintenance.pin.keypad',
  delete: 'maintenance.pin.delete',
  confirm: 'maintenance.pin.confirm',
} as const;

/**
 * The staff PIN on the on-screen keypad: digits only, shown as dots. The host keeps the digits and
 * checks them; the screen only knows how many were typed.
 */
export function PinScreen({ view, send }: { readonly view: MaintenanceStep<'pin'>; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  return (
    <main className="screen step maintenance" data-testid="screen-maintenance-pin">
      <h1 data-testid="prompt">{t('maintenance.pin.title')}</h1>
      <p className="hint">{t('maintenance.pin.hint', { staffId: view.staffId })}</p>
      <Keypad
        keys={DIGITS}
        echo={'●'.repeat(view.typed)}
        typed={view.typed}
        maxLength={view.maxLength}
        texts={PIN_TEXTS}
        messageKey={view.messageKey}
        field="pin"
        onKey={(key) => send({ action: 'pin-key', key })}
        onConfirm={() => send({ action: 'pin-confirm' })}
      >
        <p className="keypad-count" data-testid="attempts-left">
          {t('maintenance.pin.attemptsLeft', { count: view.attemptsLeft })}
        </p>
      </Keypad>
      <StepFooter deadlineMs={view.deadlineMs} messageKey="maintenance.pinClosesIn" onLeave={() => send({ action: 'close' })} leaveKey="maintenance.pin.back" />
    </main>
  );
}

export function CheckingPinScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen step maintenance" data-testid="screen-maintenance-checking-pin">
      <h1 data-testid="prompt">{t('maintenance.pin.checking')}</h1>
      <div className="spinner" aria-hidden="true" />
    </main>
  );
}

export function LockedScreen({ view, send }: { readonly view: MaintenanceStep<'locked'>; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  return (
    <main className="screen step maintenance" data-testid="screen-maintenance-locked">
      <h1 data-testid="prompt">{t('maintenance.locked.title')}</h1>
      <p className="note" role="alert" data-testid="locked-until">
        {t('maintenance.locked.hint', { time: clockText(view.untilMs) })}
      </p>
      <StepFooter deadlineMs={view.deadlineMs} messageKey="maintenance.pinClosesIn" onLeave={() => send({ action: 'close' })} leaveKey="maintenance.pin.back" />
    </main>
  );
}
