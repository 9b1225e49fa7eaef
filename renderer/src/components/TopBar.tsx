import { memo } from 'react';
import { useTranslation } from '../translation';
import { SpeechControl } from '../speech/SpeechControl';
import type { SpeechSettings } from '../speech/useSpokenPrompt';
import { LanguageSwitch } from './LanguageSwitch';

export interface TopBarProps {
  readonly largeText: boolean;
  /** The text-size switch is offered (the attract screen and a session's first step). */
  readonly canSwitchSize: boolean;
  readonly onTextSize: () => void;
  readonly speech: SpeechSettings;
  readonly onSpeech: (next: SpeechSettings) => void;
}

/**
 * The bar above every citizen screen: languages, text size, voice. Memoised: a session's views
 * (a keypad's echo, the next step) do not draw it again, only its own props and the language do.
 */
export const TopBar = memo(function TopBar({ largeText, canSwitchSize, onTextSize, speech, onSpeech }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <LanguageSwitch />
      {canSwitchSize ? (
        <button type="button" className="text-size" aria-pressed={largeText} onClick={onTextSize}>
          {t(largeText ? 'elderly.off' : 'elderly.on')}
        </button>
      ) : null}
      <SpeechControl settings={speech} onChange={onSpeech} />
    </header>
  );
});
