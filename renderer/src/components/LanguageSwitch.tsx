import { useTranslation } from '../translation';
import type { Language } from '../../../main/api/contract';

const languages: readonly Language[] = ['zh-CN', 'zh-TW', 'en'];

/** Switchable at any step; each language is named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switch" aria-label={t('language.label')}>
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => {
            void i18n.changeLanguage(lng);
            document.documentElement.lang = lng;
          }}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </nav>
  );
}
