import { useTranslation } from '../../translation';

/** Central is being asked: nothing to do but wait. */
export function QueryBusyScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen step flow query" data-testid="screen-query-busy">
      <h1 data-testid="prompt">{t('progressQuery.busy.title')}</h1>
      <div className="spinner" role="progressbar" aria-label={t('progressQuery.busy.title')} />
    </main>
  );
}
