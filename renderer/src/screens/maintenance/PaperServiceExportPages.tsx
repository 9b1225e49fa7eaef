import { useTranslation } from '../../translation';
import type { MaintenanceSend, OpenView } from './maintenance-actions';

interface PageProps {
  readonly view: OpenView;
  readonly send: MaintenanceSend;
}

/** Paper: its level, receipts since the last change, "paper replaced" and a test slip. */
export function PaperPage({ view, send }: PageProps) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="desk-facts">
        <li data-testid="paper-level">{t(`maintenance.paper.${view.devices.printer.paper}`)}</li>
        <li data-testid="receipts-since-paper">{t('maintenance.counters.receiptsSincePaper', { count: view.counters.receiptsSincePaper })}</li>
      </ul>
      <div className="actions">
        <button type="button" className="primary" data-testid="paper-replaced" disabled={view.busy} onClick={() => send({ action: 'paper-replaced' })}>
          {t('maintenance.printer.replace')}
        </button>
        <button type="button" data-testid="test-print" disabled={view.busy} onClick={() => send({ action: 'test-print' })}>
          {t('maintenance.printer.testPrint')}
        </button>
      </div>
    </>
  );
}

/** In or out of service, who holds it out (staff, central), and what keeps it from going back. */
export function ServicePage({ view, send }: PageProps) {
  const { t } = useTranslation();
  const { outOfService, byStaff, byCentral, problems } = view.service;
  return (
    <>
      <p className={`desk-state-line ${outOfService ? 'tone-problem' : 'tone-ok'}`} data-testid="service-state" data-out={outOfService}>
        {t(outOfService ? 'maintenance.service.outOfService' : 'maintenance.service.inService')}
      </p>
      {byStaff || byCentral ? (
        <ul className="desk-facts" data-testid="service-holders">
          {byStaff ? <li data-testid="held-by-staff">{t('maintenance.service.byStaff')}</li> : null}
          {byCentral ? <li data-testid="held-by-central">{t('maintenance.service.byCentral')}</li> : null}
        </ul>
      ) : null}
      {problems.length ? (
        <>
          <p>{t('maintenance.service.problems')}</p>
          <ul className="desk-facts" data-testid="service-problems">
            {problems.map((key) => (
              <li key={key} className="tone-problem">
                {t(key)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        {byStaff ? (
          <button type="button" className="primary" data-testid="in-service" disabled={view.busy} onClick={() => send({ action: 'in-service' })}>
            {t('maintenance.service.putBack')}
          </button>
        ) : (
          <button type="button" className="secondary" data-testid="out-of-service" disabled={view.busy} onClick={() => send({ action: 'out-of-service' })}>
            {t('maintenance.service.takeOut')}
          </button>
        )}
      </div>
    </>
  );
}

/** Logs and the last 7 days' journal summary to a USB stick. */
export function ExportPage({ view, send }: PageProps) {
  const { t } = useTranslation();
  const { target, last } = view.export;
  return (
    <>
      <p data-testid="export-target">{target ? t('maintenance.export.target', { target }) : t('maintenance.export.noTarget')}</p>
      {last ? <p data-testid="export-last">{t('maintenance.export.last', last)}</p> : null}
      <div className="actions">
        <button type="button" className="primary" data-testid="export-run" disabled={view.busy} onClick={() => send({ action: 'export' })}>
          {t('maintenance.export.run')}
        </button>
      </div>
    </>
  );
}
