import { useTranslation } from '../translation';
import type { SessionView } from '../../../main/api/contract';
import { Countdown } from '../components/Countdown';
import { StepFooter } from '../components/StepFooter';
import { PlaceIdCardIllustration } from '../illustrations/PlaceIdCardIllustration';

export interface SessionActions {
  readonly cancel: () => void;
  readonly finish: () => void;
  readonly retry: () => void;
  /** The citizen picks one of the offered options, by its index in the list shown. */
  readonly choose: (index: number) => void;
}

/** The view of one step. */
export type Step<S extends SessionView['step']> = Extract<SessionView, { step: S }>;

export function InsertIdCardScreen({ view, actions }: { readonly view: Step<'insert-id-card'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step" data-testid="screen-insert-id-card">
      <h1 data-testid="prompt">{t('steps.insertIdCard.title')}</h1>
      <PlaceIdCardIllustration />
      <p className="hint">{t('steps.insertIdCard.hint')}</p>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}

export function ReadingCardScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen step">
      <h1 data-testid="prompt">{t('steps.readingCard.title')}</h1>
      <div className="spinner" role="progressbar" aria-label={t('steps.readingCard.title')} />
    </main>
  );
}

export function IdentityShownScreen({ view, actions }: { readonly view: Step<'identity-shown'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step">
      <h1 data-testid="prompt">{t('steps.identityShown.title')}</h1>
      <dl className="identity">
        <dt>{t('steps.identityShown.name')}</dt>
        <dd data-testid="masked-name">{view.maskedName}</dd>
        <dt>{t('steps.identityShown.idNumber')}</dt>
        <dd data-testid="masked-id-number">{view.maskedIdNumber}</dd>
      </dl>
      <p className="hint">{t('steps.identityShown.hint')}</p>
      <Countdown deadlineMs={view.deadlineMs} />
      <div className="actions">
        <button type="button" className="secondary" onClick={actions.cancel}>
          {t('actions.cancel')}
        </button>
        <button type="button" className="primary" onClick={actions.finish}>
          {t('actions.done')}
        </button>
      </div>
    </main>
  );
}

export function FailedScreen({ view, actions }: { readonly view: Step<'failed'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step failed">
      <h1 role="alert" data-testid="prompt">
        {t(view.messageKey)}
      </h1>
      <Countdown deadlineMs={view.deadlineMs} />
      <div className="actions">
        <button type="button" className="secondary" onClick={actions.cancel}>
          {t('actions.back')}
        </button>
        {view.canRetry ? (
          <button type="button" className="primary" onClick={actions.retry}>
            {t('actions.retry')}
          </button>
        ) : null}
      </div>
    </main>
  );
}
