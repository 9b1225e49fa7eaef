import { useTranslation } from '../translation';

export interface OutcomeHeadingProps {
  /** A sign beside the title: ✓ done, ! not as planned, i for information. */
  readonly mark: string;
  /** i18n keys of the title and of the reason (null when it went as planned). */
  readonly title: string;
  readonly reason: string | null;
  /** The title is announced (role alert) when the service did not go as planned. */
  readonly alert: boolean;
}

/** The top of a last screen: how it ended, and why when it did not go as planned. */
export function OutcomeHeading({ mark, title, reason, alert }: OutcomeHeadingProps) {
  const { t } = useTranslation();
  return (
    <>
      <span className="outcome-mark" aria-hidden="true">
        {mark}
      </span>
      <h1 data-testid="prompt" role={alert ? 'alert' : undefined}>
        {t(title)}
      </h1>
      {reason ? (
        <p className="reason" data-testid="reason">
          {t(reason)}
        </p>
      ) : null}
    </>
  );
}
