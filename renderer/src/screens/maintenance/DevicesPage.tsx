import { useState } from 'react';
import { useTranslation } from '../../translation';
import { takeFrameFigures } from '../../camera/frame-check';
import { clockText, type MaintenanceSend, type OpenView } from './maintenance-actions';

const DEVICES = ['idReader', 'printer', 'certificateUnit', 'camera'] as const;

/** Each device's state with its detail (paper, retain bin, magazine, card), a camera test, and the counters. */
export function DevicesPage({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
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
      <CameraTest view={view} send={send} />
      <h2>{t('maintenance.counters.title')}</h2>
      <ul className="desk-facts" data-testid="counters">
        <li data-testid="transactions-today">{t('maintenance.counters.transactionsToday', { count: counters.transactionsToday })}</li>
        <li data-testid="receipts-since-paper">{t('maintenance.counters.receiptsSincePaper', { count: counters.receiptsSincePaper })}</li>
        <li>{counters.paperReplacedAtMs === null ? t('maintenance.counters.paperNever') : t('maintenance.counters.paperReplacedAt', { time: clockText(counters.paperReplacedAtMs) })}</li>
      </ul>
    </>
  );
}

/** One frame from the page's camera (the camera belongs to the screen), judged by the host. */
function CameraTest({ view, send }: { readonly view: OpenView; readonly send: MaintenanceSend }) {
  const { t } = useTranslation();
  const [taking, setTaking] = useState(false);
  const test = view.cameraTest;
  const run = () => {
    setTaking(true);
    void takeFrameFigures()
      .then((frame) => send({ action: 'camera-test', frame }))
      .finally(() => setTaking(false));
  };
  return (
    <div className="actions camera-test">
      <button type="button" className="secondary" data-testid="camera-test" disabled={view.busy || taking} onClick={run}>
        {t(taking ? 'maintenance.camera.taking' : 'maintenance.camera.test')}
      </button>
      {test?.frame ? (
        <span data-testid="camera-test-result" data-result={test.result} className={test.result === 'passed' ? 'tone-ok' : 'tone-problem'}>
          {t('maintenance.camera.frame', { width: test.frame.width, height: test.frame.height, mean: test.frame.meanLuma })}
        </span>
      ) : null}
    </div>
  );
}
