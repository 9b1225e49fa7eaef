import { useTranslation } from '../../translation';
import { MaintenancePage } from '../../../../main/api/maintenance-contract';
import { Countdown } from '../../components/Countdown';
import { DevicesPage } from './DevicesPage';
import { MagazinePage } from './MagazinePage';
import type { MaintenanceSend, OpenView } from './maintenance-actions';
import { ExportPage, PaperPage, ServicePage } from './PaperServiceExportPages';
import { RetainBinPage } from './RetainBinPage';

/** The open maintenance session: the pages as tabs, the last action's outcome, the page itself. */
export function MaintenanceDesk({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  return (
    <main className="screen maintenance desk" data-testid="screen-maintenance-open" data-page={view.page} aria-busy={view.busy || undefined}>
      <header className="desk-header">
        <h1 data-testid="prompt">{t('maintenance.title')}</h1>
        <span className="desk-staff">{t('maintenance.staff', { staffId: view.staffId })}</span>
        <button type="button" className="secondary" data-testid="maintenance-close" onClick={() => send({ action: 'close' })}>
          {t('maintenance.close')}
        </button>
      </header>
      <nav className="desk-tabs" aria-label={t('maintenance.title')}>
        {MaintenancePage.options.map((page) => (
          <button key={page} type="button" data-testid="desk-tab" data-page={page} aria-pressed={view.page === page} onClick={() => send({ action: 'show', page })}>
            {t(`maintenance.page.${page}`)}
          </button>
        ))}
      </nav>
      <p className={`desk-message tone-${view.messageTone}`} role="status" data-testid="desk-message" data-key={view.messageKey ?? ''}>
        {view.busy ? t('maintenance.busy') : view.messageKey ? t(view.messageKey) : '\u00a0'}
      </p>
      <section className="desk-page">
        <Page view={view} send={send} />
      </section>
      <footer className="desk-footer">
        <button type="button" data-testid="desk-refresh" disabled={view.busy} onClick={() => send({ action: 'refresh' })}>
          {t('maintenance.refresh')}
        </button>
        <Countdown deadlineMs={view.deadlineMs} messageKey="maintenance.closesIn" />
      </footer>
    </main>
  );
}

function Page({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
  switch (view.page) {
    case 'status':
      return <DevicesPage view={view} send={send} />;
    case 'magazine':
      return <MagazinePage view={view} send={send} />;
    case 'retain-bin':
      return <RetainBinPage view={view} send={send} />;
    case 'printer':
      return <PaperPage view={view} send={send} />;
    case 'service':
      return <ServicePage view={view} send={send} />;
    case 'export':
      return <ExportPage view={view} send={send} />;
    default:
      return view.page satisfies never;
  }
}
