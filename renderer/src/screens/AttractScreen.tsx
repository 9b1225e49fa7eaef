import { useTranslation } from 'react-i18next';
import type { KioskView, ServiceId } from '../../../main/api/contract';

export interface AttractScreenProps {
  readonly kiosk: KioskView | null;
  readonly notice: string | null;
  readonly onStart: (service: ServiceId) => void;
}

/** The screen a passer-by sees: the services, each a large touch target. */
export function AttractScreen({ kiosk, notice, onStart }: AttractScreenProps) {
  const { t } = useTranslation();
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
