import { useTranslation } from '../../translation';
import { OptionButton } from '../../components/OptionButton';
import { StepFooter } from '../../components/StepFooter';
import type { Step } from '../SessionScreens';
import type { PickupActions } from './pickup-actions';

/** The way in: the ID number typed, or the pickup code from the reissue receipt (then the ID number). */
export function PickupChooseMethodScreen({ view, actions }: { readonly view: Step<'pickup-choose-method'>; readonly actions: PickupActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow pickup" data-testid="screen-pickup-choose-method">
      <h1 data-testid="prompt">{t('pickup.choose.title')}</h1>
      <ul className="options" aria-label={t('pickup.choose.title')}>
        <li>
          <OptionButton testId="method-id-number" className="pickup-method" title={t('pickup.choose.idNumber')} terms={t('pickup.choose.idNumberHint')} onChoose={() => actions.choose(0)} />
        </li>
        <li>
          <OptionButton testId="method-pickup-code" className="pickup-method" title={t('pickup.choose.pickupCode')} terms={t('pickup.choose.pickupCodeHint')} onChoose={() => actions.choose(1)} />
        </li>
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
