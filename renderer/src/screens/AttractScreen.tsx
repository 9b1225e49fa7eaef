import { useEffect } from 'react';
import { useTranslation } from '../translation';
import type { KioskView, ServiceId } from '../../../main/api/contract';
import { AttractLoop } from '../idle/AttractLoop';
import { useIdleTimer } from '../idle/useIdleTimer';

export interface AttractScreenProps {
  readonly kiosk: KioskView | null;
  readonly notice: string | null;
  /** Goes up each time the host sees someone at the kiosk without a touch (a card on the reader). */
  readonly presence?: number;
  readonly onStart: (service: ServiceId) => void;
}

/** Without configuration (an older host): a minute before the loop, eight seconds a slide. */
const DEFAULT_ATTRACT = { afterS: 60, slideS: 8 };

/**
 * The screen a passer-by sees: the services, each a large touch target. When nobody touches it for
 * a while, the attract loop takes over until the next touch or card on the reader; a session
 * replaces the whole screen, and back on it the wait for the loop starts afresh.
 */
export function AttractScreen({ kiosk, notice, presence = 0, onStart }: AttractScreenProps) {
  const { t } = useTranslation();
  const timing = kiosk?.attract ?? DEFAULT_ATTRACT;
  const [idle, wake] = useIdleTimer(timing.afterS * 1000, kiosk !== null && !kiosk.outOfService);
  // Someone laid a card on the reader: the loop gives way to the services, as for a touch.
  useEffect(() => {
    if (presence > 0) wake();
  }, [presence, wake]);
  if (idle && kiosk) return <AttractLoop kiosk={kiosk} slideMs={timing.slideS * 1000} onWake={wake} />;
  return (
    <main className="screen attract">
      <h1>{t('app.title')}</h1>
      {kiosk?.outOfService ? (
        <p className="notice" role="alert" data-testid="out-of-service">
          {t('services.kioskOutOfService')}
        </p>
      ) : (
        <p className="subtitle">{t('app.subtitle')}</p>
      )}
      <div className="services">
        {(kiosk?.services ?? []).map((service) => (
          <button
            key={service.id}
            type="button"
            className="service"
            data-service={service.id}
            aria-disabled={!service.available}
            onClick={() => onStart(service.id)}
          >
            <span className="service-name">{t(`services.${service.id}`)}</span>
            {service.reasonKey ? <span className="service-note">{t(service.reasonKey)}</span> : null}
          </button>
        ))}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
    </main>
  );
}
