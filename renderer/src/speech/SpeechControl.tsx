import { useTranslation } from '../translation';
import { type SpeechSettings, VOLUME_STEPS } from './useSpokenPrompt';

/** Mute and volume of the spoken prompts, in the top bar of every citizen screen. */
export function SpeechControl({ settings, onChange }: { readonly settings: SpeechSettings; readonly onChange: (next: SpeechSettings) => void }) {
  const { t } = useTranslation();
  const { volume, lastAudible } = settings;
  const index = VOLUME_STEPS.indexOf(volume as (typeof VOLUME_STEPS)[number]);
  const step = (by: number) => {
    const next = VOLUME_STEPS[Math.min(VOLUME_STEPS.length - 1, Math.max(1, index + by))] ?? lastAudible;
    onChange({ volume: next, lastAudible: next });
  };
  const muted = volume === 0;
  return (
    <div className="speech-control" role="group" aria-label={t('speech.label')} data-testid="speech-control" data-volume={volume}>
      <button type="button" className="speech-mute" data-muted={muted} onClick={() => onChange({ volume: muted ? lastAudible : 0, lastAudible })} data-testid="speech-mute">
        {t(muted ? 'speech.unmute' : 'speech.mute')}
      </button>
      <button type="button" className="speech-volume" onClick={() => step(-1)} disabled={muted || index <= 1}>
        {t('speech.quieter')}
      </button>
      <span className="speech-level">{t('speech.level', { percent: volume })}</span>
      <button type="button" className="speech-volume" onClick={() => step(1)} disabled={index >= VOLUME_STEPS.length - 1}>
        {t('speech.louder')}
      </button>
    </div>
  );
}
