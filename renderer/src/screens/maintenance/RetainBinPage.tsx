import { useTranslation } from '../../translation';
import { clockText, type MaintenanceSend, type OpenView } from './maintenance-actions';

/** Each retained permit or certificate the journal lists, ticked off as collected; then "bin emptied". */
export function RetainBinPage({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  const bin = view.retainBin;
  const tick = (index: number) => send({ action: 'retain-collected', index });
  return (
    <>
      <ul className="desk-facts">
        <li data-testid="retain-counted">{bin.counted === null ? t('maintenance.retainBin.countUnknown') : t('maintenance.retainBin.counted', { count: bin.counted })}</li>
        <li className={bin.full ? 'tone-problem' : undefined}>{t(`maintenance.bin.${bin.full ? 'full' : 'ok'}`)}</li>
      </ul>
      <ul className="retained-list" data-testid="retained-list">
        {bin.items.length === 0 && bin.unlisted === 0 ? <li>{t('maintenance.retainBin.none')}</li> : null}
        {bin.items.map((item, index) => (
          <li key={item.transactionNo} data-testid="retained-item">
            <span>
              {t(item.kind === 'permit' ? 'maintenance.retainBin.item' : 'maintenance.retainBin.itemCertificate', {
                transactionNo: item.transactionNo,
                label: item.label,
                time: clockText(item.retainedAtMs),
              })}
            </span>
            <button type="button" data-testid="retained-tick" aria-pressed={item.collected} onClick={() => tick(index)}>
              {t(item.collected ? 'maintenance.retainBin.collected' : 'maintenance.retainBin.tick')}
            </button>
          </li>
        ))}
        {bin.unlisted > 0 ? (
          <li data-testid="retained-unlisted">
            <span>{t('maintenance.retainBin.unlisted', { count: bin.unlisted })}</span>
            <button type="button" data-testid="retained-tick" aria-pressed={bin.unlistedCollected} onClick={() => tick(-1)}>
              {t(bin.unlistedCollected ? 'maintenance.retainBin.collected' : 'maintenance.retainBin.tick')}
            </button>
          </li>
        ) : null}
      </ul>
      <div className="actions">
        <button type="button" className="primary" data-testid="retain-emptied" disabled={view.busy} onClick={() => send({ action: 'retain-emptied' })}>
          {t('maintenance.retainBin.empty')}
        </button>
      </div>
    </>
  );
}
