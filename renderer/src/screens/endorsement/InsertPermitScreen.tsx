import { useTranslation } from '../../translation';
import { StepFooter } from '../../components/StepFooter';
import type { SessionActions, Step } from '../SessionScreens';
import { InsertPermitIllustration } from '../../illustrations/InsertPermitIllustration';

/** The citizen puts the HK/Macau travel permit into the certificate unit's slot. */
export function InsertPermitScreen({ view, actions }: { readonly view: Step<'insert-permit'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow" data-testid="screen-insert-permit">
      <h1 data-testid="prompt">{t('endorsement.insertPermit.title')}</h1>
      <InsertPermitIllustration label={t('endorsement.insertPermit.illustration')} />
      <p className="hint">{t('endorsement.insertPermit.hint')}</p>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
