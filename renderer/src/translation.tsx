/**
 * The screens' words: react-i18next's `useTranslation` shape (`{ t, i18n }`), with each text
 * looked up once per language. A key without options always gives the same text in a language,
 * so its text is kept and the next render of any screen reads it back instead of running
 * i18next's lookup and interpolation again (most of a screen's words are such keys, asked again
 * at every render). A key with options (a count, an amount, a name) is looked up every time: its
 * values vary, and keeping each text would grow the page's heap with every session.
 */
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

export interface Translation {
  readonly t: TFunction;
  readonly i18n: I18n;
  /** The language `t` gives words in. */
  readonly language: string;
}

function translationFor(i18n: I18n, language: string): Translation {
  const fixed = i18n.getFixedT(language) as unknown as (...args: unknown[]) => unknown;
  const plain = new Map<string, unknown>();
  const lookUp = (key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== 'string') return fixed(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = fixed(key);
      plain.set(key, text);
    }
    return text;
  };
  const t = lookUp as unknown as TFunction;
  return { t, i18n, language };
}

const TranslationContext = createContext<Translation | null>(null);

/** Gives the screens below it their words in the page's current language, and new words when it changes. */
export function TranslationProvider({ i18n = i18next, children }: { readonly i18n?: I18n; readonly children: ReactNode }) {
  const [translation, setTranslation] = useState(() => translationFor(i18n, i18n.language));
  useEffect(() => {
    const changed = (language: string) => setTranslation((current) => (current.language === language ? current : translationFor(i18n, language)));
    // A change between the first render and this subscription is caught up on here.
    changed(i18n.language);
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n]);
  return <TranslationContext value={translation}>{children}</TranslationContext>;
}

/** The words of the page's current language (see the file's comment). */
export function useTranslation(): Translation {
  const translation = useContext(TranslationContext);
  if (!translation) throw new Error('useTranslation needs a TranslationProvider above it');
  return translation;
}
