import type { ReactElement } from 'react';
import { useTranslation } from '../../translation';
import { LookAtCameraIllustration } from '../../illustrations/LookAtCameraIllustration';
import { TakeCertificateIllustration } from '../../illustrations/TakeCertificateIllustration';
import { TakeReceiptIllustration } from '../../illustrations/TakeReceiptIllustration';
import type { Step } from '../SessionScreens';

type BusyActivity = Step<'flow-busy'>['activity'];

/** What the citizen reads while the kiosk works: what is happening, and what (not) to do. */
export const BUSY_TEXTS: Readonly<Record<BusyActivity, { readonly title: string; readonly hint: string }>> = {
  'reading-permit': { title: 'endorsement.busy.readingPermit.title', hint: 'endorsement.busy.readingPermit.hint' },
  'face-capture': { title: 'endorsement.busy.faceCapture.title', hint: 'endorsement.busy.faceCapture.hint' },
  'verifying-identity': { title: 'endorsement.busy.verifyingIdentity.title', hint: 'endorsement.busy.verifyingIdentity.hint' },
  'checking-eligibility': { title: 'endorsement.busy.checkingEligibility.title', hint: 'endorsement.busy.checkingEligibility.hint' },
  'creating-payment': { title: 'endorsement.busy.creatingPayment.title', hint: 'endorsement.busy.creatingPayment.hint' },
  producing: { title: 'endorsement.busy.producing.title', hint: 'endorsement.busy.producing.hint' },
  'printing-receipt': { title: 'endorsement.busy.printingReceipt.title', hint: 'endorsement.busy.printingReceipt.hint' },
  finishing: { title: 'endorsement.busy.finishing.title', hint: 'endorsement.busy.finishing.hint' },
  'taking-id-photo': { title: 'idReissue.busy.takingIdPhoto.title', hint: 'idReissue.busy.takingIdPhoto.hint' },
  'issuing-certificate': { title: 'idReissue.busy.issuingCertificate.title', hint: 'idReissue.busy.issuingCertificate.hint' },
  'printing-certificate': { title: 'idReissue.busy.printingCertificate.title', hint: 'idReissue.busy.printingCertificate.hint' },
  'finding-certificate': { title: 'pickup.busy.finding.title', hint: 'pickup.busy.finding.hint' },
  'dispensing-certificate': { title: 'pickup.busy.dispensing.title', hint: 'pickup.busy.dispensing.hint' },
  'reprinting-certificate': { title: 'reprint.busy.printing.title', hint: 'reprint.busy.printing.hint' },
};

/**
 * The busy steps where a device waits for the citizen or hands something out: what to do is drawn
 * above a smaller spinner (the camera's intro, before its live image opens over the screen).
 */
const DEVICE_ILLUSTRATIONS: Partial<Readonly<Record<BusyActivity, () => ReactElement>>> = {
  'face-capture': () => <LookAtCameraIllustration />,
  'taking-id-photo': () => <LookAtCameraIllustration />,
  'printing-receipt': () => <TakeReceiptIllustration paper="receipt" />,
  'printing-certificate': () => <TakeReceiptIllustration paper="certificate-slip" />,
  'reprinting-certificate': () => <TakeReceiptIllustration paper="certificate-slip" />,
  'dispensing-certificate': () => <TakeCertificateIllustration />,
};

/** A step that needs nothing from the citizen: no countdown, no buttons. */
export function FlowBusyScreen({ view }: { readonly view: Step<'flow-busy'> }) {
  const { t } = useTranslation();
  const text = BUSY_TEXTS[view.activity];
  const illustration = DEVICE_ILLUSTRATIONS[view.activity];
  return (
    <main className="screen step flow" data-testid="screen-flow-busy" data-activity={view.activity}>
      <h1 data-testid="prompt">{t(text.title)}</h1>
      {illustration ? illustration() : null}
      <div className="spinner" role="progressbar" aria-label={t(text.title)} data-testid="busy-progress" />
      <p className="hint">{t(text.hint)}</p>
    </main>
  );
}
