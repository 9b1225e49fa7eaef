import type { ReactNode } from 'react';

export interface OptionButtonProps {
  readonly testId: string;
  readonly className: string;
  /** The option's name and the words under it, already translated. */
  readonly title: ReactNode;
  readonly terms: ReactNode;
  /** Shown but not offered now (the reason is in `terms`). */
  readonly unavailable?: boolean;
  readonly onChoose: () => void;
}

/** One large two-line option of a list the citizen picks from. */
export function OptionButton({ testId, className, title, terms, unavailable = false, onChoose }: OptionButtonProps) {
  return (
    <button type="button" className={`option ${className}`} data-testid={testId} aria-disabled={unavailable || undefined} onClick={() => (unavailable ? undefined : onChoose())}>
      <span className="option-main">
        <span className="option-type">{title}</span>
        <span className="option-terms">{terms}</span>
      </span>
    </button>
  );
}
