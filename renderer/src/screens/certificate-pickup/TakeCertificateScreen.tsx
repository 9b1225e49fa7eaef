import { useTranslation } from '../../translation';
import { Countdown } from '../../components/Countdown';
import { TakeCertificateIllustration } from '../../illustrations/TakeCertificateIllustration';
import type { Step } from '../SessionScreens';

/** The certificate is in the gate: take it before the unit keeps it. Nothing to cancel any more. */
export function TakeCertificateScreen({ view }: { readonly view: Step<'take-certificate'> }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow pickup" data-testid="screen-take-certificate">
      <h1 data-testid="prompt">{t('pickup.take.title')}</h1>
      <TakeCertificateIllustration />
      <p className="hint">{t('pickup.take.hint')}</p>
      <Countdown deadlineMs={view.deadlineMs} messageKey="pickup.take.countdown" />
    </main>
  );
}
