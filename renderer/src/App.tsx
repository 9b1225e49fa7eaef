import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from './translation';
import { type KioskView, Language, type ServiceId, type SessionView } from '../../main/api/contract';
import type { MaintenanceCommand, MaintenanceView } from '../../main/api/maintenance-contract';
import { type ApiClient, ApiError } from './api-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { TopBar } from './components/TopBar';
import { useContentState } from './content-state';
import { serviceProgress } from './flow/service-progress';
import { useKeysAhead } from './flow/useKeysAhead';
import { ProgressStrip } from './components/ProgressStrip';
import { CameraStep } from './camera/CameraStep';
import type { CapturePhase } from './camera/capture-run';
import { watchCamera } from './camera/camera-status';
import { AttractScreen } from './screens/AttractScreen';
import { useElderlyMode } from './elderly/useElderlyMode';
import { StillThereOverlay } from './idle/StillThereOverlay';
import { stepPrompt } from './speech/step-prompts';
import { useSpeechSettings, useSpokenPrompt } from './speech/useSpokenPrompt';
import { cameraPhasePrompt } from './speech/camera-prompts';
import { PageSpeechContext } from './speech/page-speech';
import { MaintenanceScreens } from './screens/maintenance/MaintenanceScreens';
import { ChooseEndorsementScreen } from './screens/endorsement/ChooseEndorsementScreen';
import { FlowBusyScreen } from './screens/endorsement/FlowBusyScreen';
import { FlowDoneScreen } from './screens/endorsement/FlowDoneScreen';
import { InsertPermitScreen } from './screens/endorsement/InsertPermitScreen';
import { PayScreen } from './screens/endorsement/PayScreen';
import { TakePermitScreen } from './screens/endorsement/TakePermitScreen';
import { ChooseMethodScreen } from './screens/progress-query/ChooseMethodScreen';
import { KeypadScreen } from './screens/progress-query/KeypadScreen';
import { QueryBusyScreen } from './screens/progress-query/QueryBusyScreen';
import { QueryFailedScreen } from './screens/progress-query/QueryFailedScreen';
import { ResultsScreen } from './screens/progress-query/ResultsScreen';
import { PickupChooseMethodScreen } from './screens/certificate-pickup/PickupChooseMethodScreen';
import { PickupDoneScreen } from './screens/certificate-pickup/PickupDoneScreen';
import { PickupKeypadScreen } from './screens/certificate-pickup/PickupKeypadScreen';
import type { PickupActions } from './screens/certificate-pickup/pickup-actions';
import { TakeCertificateScreen } from './screens/certificate-pickup/TakeCertificateScreen';
import { IdNumberKeypadScreen } from './screens/id-reissue/IdNumberKeypadScreen';
import { ChooseDeliveryScreen, ChoosePhotoScreen, ChooseReasonScreen, ConfirmIdentityScreen } from './screens/id-reissue/ReissueChoiceScreens';
import { ReissueDoneScreen } from './screens/id-reissue/ReissueDoneScreen';
import { ChooseApplicationScreen } from './screens/certificate-reprint/ChooseApplicationScreen';
import { ReprintDoneScreen } from './screens/certificate-reprint/ReprintDoneScreen';
import { FailedScreen, IdentityShownScreen, InsertIdCardScreen, ReadingCardScreen } from './screens/SessionScreens';

const HEARTBEAT_MS = 5000;

export function App({ api }: { readonly api: ApiClient }) {
  const { t, i18n, language } = useTranslation();
  // A view with nothing new in it (a tap's answer comes as the session event and again as the
  // command's reply; the kiosk view comes again at each device report) renders nothing.
  const [kiosk, setKiosk] = useContentState<KioskView | null>(null);
  const [session, setSession] = useContentState<SessionView>({ step: 'idle' });
  const [maintenance, setMaintenance] = useContentState<MaintenanceView>({ step: 'closed' });
  const [connected, setConnected] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Counts the host's signs that someone is at the idle kiosk (a card on the reader): each one stops the attract loop.
  const [presence, setPresence] = useState(0);
  // Elderly mode (大字模式): chosen on the attract screen or the first step, the host's flag after.
  const elderly = useElderlyMode(session);
  const largeText = elderly.on;
  // One command at a time: a second tap while the first is on its way (a double tap on an
  // option) is dropped instead of reaching the host as a command for a step already left.
  // While one is on its way the page says it is busy (aria-busy on the app), set on the element
  // itself: a state would render the whole screen twice more per tap.
  const inFlight = useRef(false);
  const appElement = useRef<HTMLDivElement | null>(null);
  const setPending = useCallback((busy: boolean) => {
    if (busy) appElement.current?.setAttribute('aria-busy', 'true');
    else appElement.current?.removeAttribute('aria-busy');
  }, []);

  useEffect(() => {
    const offEvent = api.onEvent((event, payload) => {
      if (event === 'session') {
        inFlight.current = false;
        setPending(false);
        // Drawn in this same task: the answer to a tap does not wait behind other tasks, or a frame.
        flushSync(() => setSession(payload as SessionView));
      }
      if (event === 'kiosk') setKiosk(payload as KioskView);
      if (event === 'maintenance') setMaintenance(payload as MaintenanceView);
      if (event === 'presence') setPresence((n) => n + 1);
    });
    const offConnection = api.onConnection((up) => {
      setConnected(up);
      if (!up) return;
      void api.invoke('getKiosk', {}).then(setKiosk, () => undefined);
      void api.invoke('getSession', {}).then(setSession, () => undefined);
      void api.invoke('getMaintenance', {}).then(setMaintenance, () => undefined);
    });
    const heartbeat = setInterval(() => void api.invoke('heartbeat', { at: Date.now() }).catch(() => undefined), HEARTBEAT_MS);
    return () => {
      offEvent();
      offConnection();
      clearInterval(heartbeat);
    };
  }, [api, setKiosk, setSession, setMaintenance, setPending]);

  // When a session ends, everything of the last citizen is gone: language and text size too.
  const previousStep = useRef(session.step);
  const defaultLanguage = kiosk?.defaultLanguage;
  useEffect(() => {
    const changed = previousStep.current !== session.step;
    const ended = changed && session.step === 'idle';
    previousStep.current = session.step;
    // A notice about the step before (a refused tap) means nothing on the next one.
    if (changed) setNotice(null);
    if (!ended) return;
    if (defaultLanguage && i18n.language !== defaultLanguage) void i18n.changeLanguage(defaultLanguage);
  }, [session.step, defaultLanguage, i18n]);

  // The screen opens in the kiosk's own language once the host has said which it is, unless
  // someone already picked one (a tap before the host answered, or a window opened mid-session).
  const defaultApplied = useRef(false);
  const languageAtLoad = useRef(i18n.language);
  useEffect(() => {
    if (!defaultLanguage || defaultApplied.current) return;
    defaultApplied.current = true;
    const untouched = i18n.language === languageAtLoad.current;
    if (untouched && session.step === 'idle' && i18n.language !== defaultLanguage) void i18n.changeLanguage(defaultLanguage);
  }, [defaultLanguage, session.step, i18n]);

  // Staff leave the language they chose behind them: the next citizen gets the kiosk's own. Only
  // when maintenance closes: a citizen's own choice of language is not undone.
  const maintenanceOpen = maintenance.step !== 'closed';
  const wasMaintenanceOpen = useRef(maintenanceOpen);
  useEffect(() => {
    const closed = wasMaintenanceOpen.current && !maintenanceOpen;
    wasMaintenanceOpen.current = maintenanceOpen;
    if (closed && defaultLanguage && i18n.language !== defaultLanguage) void i18n.changeLanguage(defaultLanguage);
  }, [maintenanceOpen, defaultLanguage, i18n]);

  // Keypad keys echo at once and go to the host one after another (useKeysAhead.ts).
  const keysAhead = useKeysAhead(session, {
    send: (key) => api.invoke('keypadInput', { key }),
    answered: setSession,
    refused: (error) => setNotice(error instanceof ApiError ? error.messageKey : 'errors.internal'),
    blocked: () => inFlight.current,
    busy: setPending,
  });
  const keysPending = keysAhead.pending;

  const run = useCallback((work: () => Promise<SessionView>) => {
    if (inFlight.current || keysPending()) return;
    inFlight.current = true;
    setPending(true);
    setNotice(null);
    work()
      .then(setSession, (error: unknown) => setNotice(error instanceof ApiError ? error.messageKey : 'errors.internal'))
      .finally(() => {
        inFlight.current = false;
        setPending(false);
      });
  }, [setSession, setPending, keysPending]);

  const start = useCallback(
    (service: ServiceId) => {
      const offered = kiosk?.services.find((s) => s.id === service);
      if (!offered?.available) {
        setNotice(offered?.reasonKey ?? 'services.notYetAvailable');
        return;
      }
      const chosen = Language.safeParse(language);
      run(() => api.invoke('startService', { service, elderly: largeText, ...(chosen.success ? { language: chosen.data } : {}) }));
    },
    [api, run, kiosk, largeText, language],
  );

  // A language switched during a session goes to the host too: the session's receipts print in it.
  // (Not through `run`: it is no answer to a step and must not block or be blocked by a tap.) The
  // language a session starts in went with `startService`.
  const inSession = session.step !== 'idle';
  const languageSent = useRef(language);
  useEffect(() => {
    if (!inSession || languageSent.current === language) {
      languageSent.current = language;
      return;
    }
    languageSent.current = language;
    const chosen = Language.safeParse(language);
    if (chosen.success) void api.invoke('setLanguage', { language: chosen.data }).catch(() => undefined);
  }, [api, inSession, language]);

  // The same functions from one view to the next, so a screen that did not change is not drawn again.
  const actions: PickupActions = useMemo(
    () => ({
      cancel: () => run(() => api.invoke('cancelSession', {})),
      finish: () => run(() => api.invoke('finishSession', {})),
      retry: () => run(() => api.invoke('retryStep', {})),
      choose: (index) => run(() => api.invoke('chooseOption', { index })),
      keypad: keysAhead.press,
      confirm: () => run(() => api.invoke('confirmStep', {})),
      scanned: (code) => run(() => api.invoke('scannedCode', { code })),
    }),
    [api, run, keysAhead.press],
  );
  const extendDeadline = useCallback((deadlineMs: number) => run(() => api.invoke('extendDeadline', { deadlineMs })), [api, run]);
  const idle = session.step === 'idle';
  const { toggleChoice } = elderly;
  const onTextSize = useCallback(() => (idle ? toggleChoice() : run(() => api.invoke('setElderly', { on: !largeText }))), [idle, toggleChoice, run, api, largeText]);

  // The screen tells the host how it finds the camera (device availability and the heartbeat),
  // checking it again periodically while idle (no camera step holds it then).
  const idleRef = useRef(session.step === 'idle');
  useEffect(() => {
    idleRef.current = session.step === 'idle';
  }, [session.step]);
  const cameraCheckS = kiosk?.cameraCheckS;
  useEffect(() => {
    if (!connected) return;
    return watchCamera((condition, detail) => void api.invoke('reportCamera', { condition, detail }).catch(() => undefined), {
      isIdle: () => idleRef.current,
      ...(cameraCheckS === undefined ? {} : { idleCheckMs: cameraCheckS * 1000 }),
    });
  }, [api, connected, cameraCheckS]);

  // Spoken prompts (issue 12): the shown step's prompt keys come from one map (step-prompts.ts);
  // the host speaks them in the chosen language, slower in large-text (elderly) mode.
  const [speechSettings, setSpeechSettings] = useSpeechSettings(session.step);
  // The camera step speaks its liveness prompt and its end over the step's own prompt.
  // Kept joined: a phase repeated frame after frame sets the same string and renders nothing.
  const [cameraPrompt, setCameraPrompt] = useState<string | null>(null);
  const onCameraPhase = useCallback((phase: CapturePhase) => setCameraPrompt(cameraPhasePrompt(phase)?.join('+') ?? null), []);
  const cameraOpen = 'capture' in session && session.capture !== undefined;
  // A list turned to another page speaks that over the step's prompt, for that step only; each
  // turn is a new utterance even when its words are the last turn's.
  const sessionStepRef = useRef(session.step);
  sessionStepRef.current = session.step;
  const [pageTurn, setPageTurn] = useState<{ readonly step: string; readonly keys: readonly string[]; readonly n: number } | null>(null);
  const sayPageTurn = useCallback((keys: readonly string[]) => {
    if (keys.length > 0) setPageTurn((last) => ({ step: sessionStepRef.current, keys, n: (last?.n ?? 0) + 1 }));
  }, []);
  const turnShown = pageTurn !== null && pageTurn.step === session.step ? pageTurn : null;
  const spokenLanguage = Language.safeParse(i18n.language);
  useSpokenPrompt(
    api,
    maintenance.step !== 'closed' ? [] : cameraOpen && cameraPrompt ? cameraPrompt.split('+') : turnShown ? turnShown.keys : stepPrompt(session),
    spokenLanguage.success ? spokenLanguage.data : 'zh-CN',
    largeText,
    speechSettings.volume,
    turnShown?.n ?? 0,
  );

  // Field staff opened maintenance with their card: their screens replace the citizen's (after
  // every hook above: an early return before one would change the number of hooks per render).
  if (maintenance.step !== 'closed') {
    const send = (command: MaintenanceCommand) => void api.invoke('maintenance', command).then(setMaintenance, () => undefined);
    return (
      <div className="app">
        <header className="topbar">
          <LanguageSwitch />
        </header>
        <MaintenanceScreens view={maintenance} send={send} />
      </div>
    );
  }

  const capture = 'capture' in session ? session.capture : undefined;
  const progress = serviceProgress(session);
  return (
    <div ref={appElement} className={largeText ? 'app large-text' : 'app'}>
      <TopBar largeText={largeText} canSwitchSize={elderly.canSwitch} onTextSize={onTextSize} speech={speechSettings} onSpeech={setSpeechSettings} />
      {!connected ? (
        <p className="connection" role="status">
          {t('status.connecting')}
        </p>
      ) : null}
      {progress ? <ProgressStrip progress={progress} /> : null}
      {capture ? (
        <CameraStep
          request={capture}
          submit={(answer) => api.invoke('submitCapture', answer)}
          report={(condition, detail) => void api.invoke('reportCamera', { condition, detail }).catch(() => undefined)}
          onLeave={actions.cancel}
          onPhase={onCameraPhase}
        />
      ) : (
        <PageSpeechContext.Provider value={sayPageTurn}>
          <Screen session={keysAhead.view} kiosk={kiosk} notice={notice} presence={presence} onStart={start} actions={actions} />
        </PageSpeechContext.Provider>
      )}
      <StillThereOverlay session={session} onContinue={extendDeadline} onFinish={actions.cancel} />
      {session.step !== 'idle' && notice ? (
        <p className="notice session-notice" role="status" data-testid="notice">
          {t(notice)}
        </p>
      ) : null}
    </div>
  );
}

interface ScreenProps {
  readonly session: SessionView;
  readonly kiosk: KioskView | null;
  readonly notice: string | null;
  readonly presence: number;
  readonly onStart: (service: ServiceId) => void;
  readonly actions: PickupActions;
}

/** The citizen's screen for the step; memoised: drawn again only when one of its props changes. */
const Screen = memo(function Screen({ session, kiosk, notice, presence, onStart, actions }: ScreenProps) {
  switch (session.step) {
    case 'idle':
      return <AttractScreen kiosk={kiosk} notice={notice} presence={presence} onStart={onStart} />;
    case 'insert-id-card':
      return <InsertIdCardScreen view={session} actions={actions} />;
    case 'reading-card':
      return <ReadingCardScreen />;
    case 'identity-shown':
      return <IdentityShownScreen view={session} actions={actions} />;
    case 'failed':
      return <FailedScreen view={session} actions={actions} />;
    case 'insert-permit':
      return <InsertPermitScreen view={session} actions={actions} />;
    case 'flow-busy':
      return <FlowBusyScreen view={session} />;
    case 'choose-endorsement':
      return <ChooseEndorsementScreen view={session} actions={actions} />;
    case 'pay':
      return <PayScreen view={session} actions={actions} />;
    case 'take-permit':
      return <TakePermitScreen view={session} />;
    case 'flow-done':
      return session.service === 'id-reissue' ? <ReissueDoneScreen view={session} actions={actions} /> : <FlowDoneScreen view={session} actions={actions} />;
    case 'query-choose-method':
      return <ChooseMethodScreen view={session} actions={actions} />;
    case 'query-input':
      return <KeypadScreen view={session} actions={actions} />;
    case 'query-busy':
      return <QueryBusyScreen />;
    case 'query-results':
      return <ResultsScreen view={session} actions={actions} />;
    case 'query-failed':
      return <QueryFailedScreen view={session} actions={actions} />;
    case 'pickup-choose-method':
      return <PickupChooseMethodScreen view={session} actions={actions} />;
    case 'pickup-input':
      return <PickupKeypadScreen view={session} actions={actions} />;
    case 'take-certificate':
      return <TakeCertificateScreen view={session} />;
    case 'pickup-done':
      return <PickupDoneScreen view={session} actions={actions} />;
    case 'reissue-id-input':
      return <IdNumberKeypadScreen view={session} actions={actions} />;
    case 'reissue-confirm-identity':
      return <ConfirmIdentityScreen view={session} actions={actions} />;
    case 'reissue-choose-reason':
      return <ChooseReasonScreen view={session} actions={actions} />;
    case 'reissue-choose-photo':
      return <ChoosePhotoScreen view={session} actions={actions} />;
    case 'reissue-choose-delivery':
      return <ChooseDeliveryScreen view={session} actions={actions} />;
    case 'reprint-choose-application':
      return <ChooseApplicationScreen view={session} actions={actions} />;
    case 'reprint-done':
      return <ReprintDoneScreen view={session} actions={actions} />;
    default:
      return session satisfies never;
  }
});
