import { useTranslation } from '../../translation';
import { Countdown } from '../../components/Countdown';
import type { Step } from '../SessionScreens';
import { TakePermitIllustration } from '../../illustrations/TakePermitIllustration';

/** The permit is back in the slot: take it before the unit keeps it. Nothing to cancel any more. */
export function TakePermitScreen({ view }: { readonly view: Step<'take-permit'> }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow" data-testid="screen-take-permit">
      <h1 data-testid="prompt">{t('endorsement.takePermit.title')}</h1>
      <TakePermitIllustration label={t('endorsement.takePermit.illustration')} />
      <p className="hint">{t('endorsement.takePermit.hint')}</p>
      <Countdown deadlineMs={view.deadlineMs} messageKey="endorsement.takePermit.countdown" />
    </main>
  );
}
