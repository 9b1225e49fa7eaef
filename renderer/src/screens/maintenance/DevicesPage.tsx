import { useTranslation } from 'react-i18next';
import { clockText, type OpenView } from './maintenance-actions';

const DEVICES = ['idReader', 'printer', 'certificateUnit', 'camera'] as const;

/** Each device's state with its detail (paper, retain bin, magazine, card), and the counters. */
export function DevicesPage({ view }: { readonly view: OpenView }) {
  const { t } = useTranslation();
  const { printer, certificateUnit } = view.devices;
  const extra: Record<(typeof DEVICES)[number], string[]> = {
    idReader: [],
    printer: [t(`maintenance.paper.${printer.paper}`), ...(printer.coverOpen ? [t('maintenance.coverOpen')] : [])],
    certificateUnit: [t(`maintenance.stock.${certificateUnit.stock}`), t(`maintenance.bin.${certificateUnit.retainBin}`), t(`maintenance.card.${certificateUnit.card}`)],
    camera: [],
  };
  const { counters } = view;
  return (
    <>
      <table className="device-table" data-testid="device-table">
        <tbody>
          {DEVICES.map((device) => {
            const line = view.devices[device];
            return (
              <tr key={device} data-testid="device-row" data-device={device} data-status={line.status}>
                <th scope="row">{t(`maintenance.device.${device}`)}</th>
                <td className={`device-state state-${line.status}`}>{t(`maintenance.state.${line.status}`)}</td>
                <td>
                  <div className="device-detail">
                    {extra[device].map((text) => (
                      <span key={text} className="device-fact">
                        {text}
                      </span>
                    ))}
                    {line.detail ? <code className="device-technical">{line.detail}</code> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('maintenance.counters.title')}</h2>
      <ul className="desk-facts" data-testid="counters">
        <li data-testid="transactions-today">{t('maintenance.counters.transactionsToday', { count: counters.transactionsToday })}</li>
        <li data-testid="receipts-since-paper">{t('maintenance.counters.receiptsSincePaper', { count: counters.receiptsSincePaper })}</li>
        <li>{counters.paperReplacedAtMs === null ? t('maintenance.counters.paperNever') : t('maintenance.counters.paperReplacedAt', { time: clockText(counters.paperReplacedAtMs) })}</li>
      </ul>
    </>
  );
}
