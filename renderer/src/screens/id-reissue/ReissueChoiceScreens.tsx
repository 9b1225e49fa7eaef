import { useTranslation } from '../../translation';
import { moneyText } from '../../../../main/domain/endorsement-text';
import { PageButtons } from '../../components/PageButtons';
import { StepFooter } from '../../components/StepFooter';
import { usePages } from '../../components/usePages';
import { perPage } from '../../elderly/elderly-pages';
import { REASON_KEYS } from '../../flow/id-reissue-parts';
import { useText } from '../endorsement/OptionText';
import type { SessionActions, Step } from '../SessionScreens';

/** The registry's name, masked: the citizen says whether it is them. */
export function ConfirmIdentityScreen({ view, actions }: { readonly view: Step<'reissue-confirm-identity'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow reissue" data-testid="screen-reissue-confirm-identity">
      <h1 data-testid="prompt">{t('idReissue.confirm.title')}</h1>
      <dl className="identity">
        <dt>{t('steps.identityShown.name')}</dt>
        <dd data-testid="masked-name">{view.maskedName}</dd>
        <dt>{t('steps.identityShown.idNumber')}</dt>
        <dd data-testid="masked-id">{view.maskedIdNumber}</dd>
      </dl>
      <ul className="options" aria-label={t('idReissue.confirm.title')}>
        <li>
          <button type="button" className="option" data-testid="choice" data-choice="its-me" onClick={() => actions.choose(0)}>
            <span className="option-type">{t('idReissue.confirm.yes')}</span>
          </button>
        </li>
        <li>
          <button type="button" className="option" data-testid="choice" data-choice="not-me" onClick={() => actions.choose(1)}>
            <span className="option-type">{t('idReissue.confirm.no')}</span>
          </button>
        </li>
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}

export function ChooseReasonScreen({ view, actions }: { readonly view: Step<'reissue-choose-reason'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow reissue" data-testid="screen-reissue-choose-reason">
      <h1 data-testid="prompt">{t('idReissue.reason.title')}</h1>
      <ul className="options" aria-label={t('idReissue.reason.title')}>
        {view.reasons.map((reason, index) => (
          <li key={reason}>
            <button type="button" className="option" data-testid="choice" data-choice={reason} onClick={() => actions.choose(index)}>
              <span className="option-type">{t(REASON_KEYS[reason])}</span>
            </button>
          </li>
        ))}
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}

/** Keep the photo on record, or take one now (GA 461, checked before it is accepted). */
export function ChoosePhotoScreen({ view, actions }: { readonly view: Step<'reissue-choose-photo'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow reissue" data-testid="screen-reissue-choose-photo">
      <h1 data-testid="prompt">{t('idReissue.photo.title')}</h1>
      <p className="hint">{t(view.photoOnRecord ? 'idReissue.photo.hint' : 'idReissue.photo.noneOnRecord')}</p>
      {view.messageKey ? (
        <p className="note" role="alert" data-testid="photo-message">
          {t(view.messageKey)}
        </p>
      ) : null}
      <ul className="options" aria-label={t('idReissue.photo.title')}>
        {view.photoOnRecord ? (
          <li>
            <button type="button" className="option" data-testid="choice" data-choice="keep" onClick={() => actions.choose(0)}>
              <span className="option-type">{t('idReissue.photo.keep')}</span>
            </button>
          </li>
        ) : null}
        <li>
          <button type="button" className="option" data-testid="choice" data-choice="new" onClick={() => actions.choose(1)}>
            <span className="option-type">{t('idReissue.photo.new')}</span>
          </button>
        </li>
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}

/**
 * Where the new card goes; an address is never typed (the registered one is shown masked). In
 * elderly mode a few choices a page, each keeping its index in the host's list.
 */
export function ChooseDeliveryScreen({ view, actions }: { readonly view: Step<'reissue-choose-delivery'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  const text = useText();
  const pages = usePages(view.choices.length, perPage(view.elderly, 'deliveries'));
  const many = pages.pages === 1 && view.choices.length > 4;
  return (
    <main className="screen step flow reissue" data-testid="screen-reissue-choose-delivery">
      <h1 data-testid="prompt">{t('idReissue.delivery.title')}</h1>
      <p className="hint" data-testid="fee">
        {t('idReissue.delivery.fee', { amount: text(moneyText(view.feeFen)) })}
      </p>
      <ul className={many ? 'options many' : 'options'} aria-label={t('idReissue.delivery.title')} ref={pages.listRef}>
        {view.choices.slice(pages.start, pages.end).map((choice, onPage) => {
          const index = pages.start + onPage;
          return (
            <li key={`${index}-${choice.kind}`}>
              <button type="button" className="option" data-testid="choice" data-choice={choice.kind} data-index={index} onClick={() => actions.choose(index)}>
                <span className="option-main">
                  {choice.kind === 'this-kiosk' ? <span className="option-type">{t('idReissue.delivery.thisKiosk')}</span> : null}
                  {choice.kind === 'station' ? (
                    <>
                      <span className="option-type">{t('idReissue.delivery.station', { name: choice.name })}</span>
                      <span className="option-terms">{choice.address}</span>
                    </>
                  ) : null}
                  {choice.kind === 'mail-registered-address' ? (
                    <>
                      <span className="option-type">{t('idReissue.delivery.mail')}</span>
                      <span className="option-terms">{choice.addressMasked}</span>
                    </>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <PageButtons pages={pages} />
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
