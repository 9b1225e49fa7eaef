import { useTranslation } from '../../translation';
import type { MaintenanceSend, OpenView } from './maintenance-actions';

/**
 * Loading the magazine: the slots as the unit reports them, how many certificates central waits to
 * see loaded, and one certificate at a time: read on the reader, put into the slot shown, placed.
 */
export function MagazinePage({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  const { slots, waitingAtCentral, pending, lastLoaded } = view.magazine;
  return (
    <>
      <ul className="desk-facts">
        <li data-testid="magazine-slots">
          {slots ? t('maintenance.magazine.slots', { loaded: slots.filter(Boolean).length, total: slots.length }) : t('maintenance.magazine.unitSilent')}
        </li>
        <li data-testid="magazine-waiting">
          {waitingAtCentral === null ? t('maintenance.magazine.waitingUnknown') : t('maintenance.magazine.waiting', { count: waitingAtCentral })}
        </li>
        {lastLoaded ? <li data-testid="magazine-last">{t('maintenance.magazine.lastLoaded', lastLoaded)}</li> : null}
      </ul>
      {slots ? (
        <ol className="slot-grid" data-testid="slot-grid">
          {slots.map((loaded, index) => (
            <li
              key={index}
              className={`slot ${loaded ? 'loaded' : 'empty'}${pending?.slot === index + 1 ? ' target' : ''}`}
              aria-label={t('maintenance.magazine.slot', { slot: index + 1 })}
            >
              {index + 1}
            </li>
          ))}
        </ol>
      ) : null}
      {pending ? (
        <p className="desk-instruction" data-testid="magazine-pending">
          {t('maintenance.magazine.pending', pending)}
        </p>
      ) : (
        <p className="hint">{t('maintenance.magazine.readHint')}</p>
      )}
      <div className="actions">
        <button type="button" className={pending ? 'secondary' : 'primary'} data-testid="magazine-read" disabled={view.busy} onClick={() => send({ action: 'magazine-read' })}>
          {t('maintenance.magazine.read')}
        </button>
        <button type="button" className="primary" data-testid="magazine-placed" disabled={view.busy || !pending} onClick={() => send({ action: 'magazine-placed' })}>
          {t('maintenance.magazine.placed')}
        </button>
      </div>
    </>
  );
}
