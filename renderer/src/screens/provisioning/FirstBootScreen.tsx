import { useTranslation } from '../../translation';
import { KEYPAD_CHARACTERS } from '../../../../main/api/contract';
import { PROVISIONING_MAX_LENGTH, type ProvisioningCommand, type ProvisioningField, type ProvisioningView } from '../../../../main/api/provisioning-contract';
import { Keypad } from '../../components/Keypad';
import { LanguageSwitch } from '../../components/LanguageSwitch';

const DEVICES = ['idReader', 'printer', 'certificateUnit'] as const;
const CHECKS = ['idReader', 'certificateUnit', 'printer', 'camera'] as const;
const RUNNING = ['probing', 'enrolling', 'writing-config', 'self-test'] as const;

type Send = (command: ProvisioningCommand) => void;

/**
 * The first boot of a terminal with no configuration, for field staff: kiosk id and one-time code
 * typed on the on-screen keypad, then the host probes the ports, enrols with central, writes the
 * configuration and self-tests, and this screen shows each stage and the result.
 */
export function FirstBootScreen({ view, send }: { readonly view: ProvisioningView; readonly send: Send }) {
  const { t } = useTranslation();
  return (
    <div className="app provisioning">
      <header className="topbar">
        <LanguageSwitch />
      </header>
      <main className="screen step" data-testid="screen-provisioning" data-stage={view.stage}>
        <h1>{t('provisioning.title')}</h1>
        <p className="hint">{t('provisioning.central', { url: view.centralUrl ?? '—' })}</p>
        {view.stage === 'enter' ? <Entry view={view} send={send} /> : null}
        {(RUNNING as readonly string[]).includes(view.stage) ? <Running view={view} /> : null}
        {view.stage === 'failed' ? <Failed view={view} send={send} /> : null}
        {view.stage === 'done' ? <Done view={view} send={send} /> : null}
      </main>
    </div>
  );
}

function Entry({ view, send }: { readonly view: ProvisioningView; readonly send: Send }) {
  const { t } = useTranslation();
  const tab = (field: ProvisioningField) => (
    <button type="button" className={view.field === field ? 'tab selected' : 'tab'} aria-pressed={view.field === field} data-testid={`field-${field}`} onClick={() => send({ action: 'field', field })}>
      <span className="tab-label">{t(`provisioning.field.${field}`)}</span>
      <span className="tab-value">{view[field] || t(`provisioning.example.${field}`)}</span>
    </button>
  );
  return (
    <>
      <div className="provisioning-fields">
        {tab('kioskId')}
        {tab('code')}
      </div>
      <Keypad
        keys={KEYPAD_CHARACTERS}
        echo={view[view.field]}
        typed={view[view.field].length}
        maxLength={PROVISIONING_MAX_LENGTH[view.field]}
        texts={{
          title: `provisioning.field.${view.field}`,
          typed: 'provisioning.typed',
          label: 'provisioning.keypad.label',
          delete: 'provisioning.keypad.delete',
          confirm: 'provisioning.keypad.start',
        }}
        messageKey={view.messageKey}
        field={`provisioning-${view.field}`}
        onKey={(key) => send({ action: 'key', key })}
        onConfirm={() => send({ action: 'start' })}
      />
    </>
  );
}

function Running({ view }: { readonly view: ProvisioningView }) {
  const { t } = useTranslation();
  return (
    <section aria-live="polite">
      <p className="provisioning-stage" data-testid="stage">
        {t(`provisioning.stage.${view.stage}`)}
      </p>
      {view.probe.total > 0 ? <p data-testid="probe-count">{t('provisioning.probeCount', { done: view.probe.done, total: view.probe.total })}</p> : null}
      <Found view={view} />
    </section>
  );
}

function Found({ view }: { readonly view: ProvisioningView }) {
  const { t } = useTranslation();
  return (
    <ul className="provisioning-devices">
      {DEVICES.map((device) => (
        <li key={device} data-testid={`found-${device}`} className={view.found[device] ? 'found' : 'not-found'}>
          <span>{t(`provisioning.device.${device}`)}</span>
          <span className="port">{view.found[device] ?? t('provisioning.notFoundYet')}</span>
        </li>
      ))}
    </ul>
  );
}

function Failed({ view, send }: { readonly view: ProvisioningView; readonly send: Send }) {
  const { t } = useTranslation();
  return (
    <section>
      <p className="note" role="alert" data-testid="failure">
        {t(view.messageKey ?? 'provisioning.failed.other')}
      </p>
      <Found view={view} />
      {view.detail ? (
        <p className="provisioning-detail" data-testid="detail">
          {view.detail}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" data-testid="retry" onClick={() => send({ action: 'retry' })}>
          {t('provisioning.retry')}
        </button>
      </div>
    </section>
  );
}

function Done({ view, send }: { readonly view: ProvisioningView; readonly send: Send }) {
  const { t } = useTranslation();
  return (
    <section>
      <p className="provisioning-stage" data-testid="done-title">
        {t('provisioning.done', { kioskId: view.enrolled?.kioskId ?? '', site: view.enrolled?.siteName ?? '' })}
      </p>
      <Found view={view} />
      {view.selfTest ? (
        <ul className="provisioning-checks" data-testid="self-test">
          {CHECKS.map((check) => (
            <li key={check} data-testid={`check-${check}`} data-result={view.selfTest?.checks[check]} className={`check-${view.selfTest?.checks[check] ?? ''}`}>
              <span>{t(`provisioning.check.${check}`)}</span>
              <span>{t(`provisioning.result.${view.selfTest?.checks[check] ?? 'not-tested'}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <CameraFrame frame={view.selfTest?.cameraFrame ?? null} />
      {view.messageKey ? (
        <p className="note" role="status" data-testid="done-message">
          {t(view.messageKey)}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" data-testid="finish" onClick={() => send({ action: 'finish' })}>
          {t('provisioning.finish')}
        </button>
      </div>
    </section>
  );
}

function CameraFrame({ frame }: { readonly frame: NonNullable<ProvisioningView['selfTest']>['cameraFrame'] }) {
  const { t } = useTranslation();
  if (!frame) return null;
  return (
    <div className="hint" data-testid="camera-frame" data-covered={frame.covered}>
      <p>{t('provisioning.cameraFrame', { width: frame.width, height: frame.height, mean: frame.meanLuma })}</p>
      {frame.covered ? <p>{t('provisioning.cameraCovered')}</p> : null}
    </div>
  );
}
