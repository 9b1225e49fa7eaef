import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../translation';
import type { CameraCondition, CaptureRequest, SubmitCapture } from '../../../main/api/camera-contract';
import { CHECK_KEYS, GUIDANCE_KEYS, PROMPT_KEYS } from './camera-texts';
import { type CapturePhase, CaptureRun } from './capture-run';
import { faceDetector } from './detector';
import type { Ga461CheckName } from './ga461';

export interface CameraStepProps {
  readonly request: CaptureRequest;
  readonly submit: (answer: SubmitCapture) => Promise<unknown>;
  readonly report: (condition: CameraCondition, detail: string) => void;
  readonly onLeave: () => void;
  /** Told each phase (the spoken prompts follow the liveness prompt). */
  readonly onPhase?: (phase: CapturePhase) => void;
}

/**
 * The camera step: the citizen's mirror image in an oval, one instruction at a time, then the
 * liveness prompt (live) or the composed photo to accept or retake (ID photo).
 */
export function CameraStep({ request, submit, report, onLeave, onPhase }: CameraStepProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const run = useRef<CaptureRun | null>(null);
  const [phase, setPhase] = useState<CapturePhase>({ kind: 'starting' });

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let current: CaptureRun | undefined;
    let cancelled = false;
    setPhase({ kind: 'starting' });
    faceDetector().then(
      (detector) => {
        if (cancelled) return;
        current = new CaptureRun(element, request, { detector, submit, report, onPhase: setPhase });
        run.current = current;
        void current.start();
      },
      (error: unknown) => {
        if (cancelled) return;
        setPhase({ kind: 'camera-failed' });
        void submit({ requestId: request.requestId, ok: false, reason: 'offline', detail: `face models did not load: ${String(error).slice(0, 150)}` }).catch(() => undefined);
      },
    );
    return () => {
      cancelled = true;
      current?.stop();
      run.current = null;
    };
    // One run per request: a new request id is a new camera step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request.requestId]);

  useEffect(() => onPhase?.(phase), [phase, onPhase]);

  const reviewing = phase.kind === 'photo-review';
  return (
    <main className="screen step camera-step" data-testid="camera-step" data-phase={phase.kind} data-purpose={request.purpose}>
      <h1>{t(request.purpose === 'live' ? 'camera.title.live' : 'camera.title.idPhoto')}</h1>
      <div className={reviewing ? 'camera-view hidden' : 'camera-view'}>
        <video ref={video} className="camera-video" playsInline muted aria-hidden="true" />
        <svg className="camera-oval" viewBox="0 0 640 480" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
          <defs>
            <mask id="camera-oval-mask">
              <rect width="640" height="480" fill="white" />
              <ellipse cx="320" cy="230" rx="118" ry="158" fill="black" />
            </mask>
          </defs>
          <rect width="640" height="480" className="camera-oval-shade" mask="url(#camera-oval-mask)" />
          <ellipse cx="320" cy="230" rx="118" ry="158" className={phase.kind === 'prompt' || (phase.kind === 'guiding' && phase.guidance === 'hold') ? 'camera-oval-line ready' : 'camera-oval-line'} />
        </svg>
      </div>
      {phase.kind === 'photo-review' ? <img className="camera-photo" src={phase.photoUrl} alt={t('camera.photo.alt')} data-testid="camera-photo" /> : null}
      <PhaseText phase={phase} />
      <div className="actions">
        {phase.kind === 'prompt-failed' ? (
          <button type="button" className="primary" data-testid="camera-retry" onClick={() => run.current?.retry()}>
            {t('actions.retry')}
          </button>
        ) : null}
        {phase.kind === 'photo-review' ? (
          <>
            <button type="button" className="secondary" data-testid="camera-retake" onClick={() => run.current?.retake()}>
              {t('camera.photo.retake')}
            </button>
            {phase.passed ? (
              <button type="button" className="primary" data-testid="camera-accept" onClick={() => run.current?.accept()}>
                {t('camera.photo.accept')}
              </button>
            ) : null}
          </>
        ) : null}
        <button type="button" className="secondary" onClick={onLeave}>
          {t('actions.cancel')}
        </button>
      </div>
    </main>
  );
}

function PhaseText({ phase }: { readonly phase: CapturePhase }) {
  const { t } = useTranslation();
  switch (phase.kind) {
    case 'starting':
      return <Instruction text={t('camera.starting')} kind="starting" />;
    case 'guiding':
      return <Instruction text={t(GUIDANCE_KEYS[phase.guidance])} kind={phase.guidance} />;
    case 'prompt': {
      const keys = PROMPT_KEYS[phase.prompt];
      // Guidance comes first when the face left the oval; a turned head is the prompt itself.
      const lost = phase.guidance !== 'hold' && !(phase.guidance === 'faceCamera' && phase.prompt === 'turn-head');
      return (
        <>
          <Instruction text={lost ? t(GUIDANCE_KEYS[phase.guidance]) : t(phase.halfway ? keys.second : keys.first)} kind={lost ? phase.guidance : `prompt-${phase.prompt}`} />
          <p className="hint" data-testid="camera-attempt">
            {t(phase.attempt === 1 ? 'camera.prompt.hint' : 'camera.prompt.lastTry')}
          </p>
        </>
      );
    }
    case 'prompt-failed':
      return <Instruction text={t('camera.promptFailed')} kind="prompt-failed" alert />;
    case 'go-to-counter':
      return <Instruction text={t('camera.goToCounter')} kind="go-to-counter" alert />;
    case 'sending':
      return <Instruction text={t('camera.sending')} kind="sending" />;
    case 'photo-review':
      return (
        <>
          <Instruction text={t(phase.passed ? 'camera.photo.review' : 'camera.photo.notCompliant')} kind={phase.passed ? 'photo-ok' : 'photo-failed'} />
          {phase.failedChecks.length > 0 ? (
            <ul className="camera-checks" data-testid="camera-failed-checks">
              {phase.failedChecks.map((name) => (
                <li key={name}>{t(CHECK_KEYS[name as Ga461CheckName] ?? 'camera.check.other')}</li>
              ))}
            </ul>
          ) : null}
        </>
      );
    case 'camera-failed':
      return <Instruction text={t('camera.cameraFailed')} kind="camera-failed" alert />;
    default:
      return phase satisfies never;
  }
}

function Instruction({ text, kind, alert = false }: { readonly text: string; readonly kind: string; readonly alert?: boolean }) {
  return (
    <p className="camera-instruction" data-testid="camera-instruction" data-kind={kind} role={alert ? 'alert' : 'status'} aria-live="assertive">
      {text}
    </p>
  );
}
