import i18next from 'i18next';
import type { Language } from '../../main/api/contract';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import zhTW from '../i18n/zh-TW.json';

/** Every word a citizen reads comes from these catalogues; Simplified Chinese is the fallback. */
export const catalogues = { 'zh-CN': zhCN, 'zh-TW': zhTW, en } as const;

export function initI18n(language: Language = 'zh-CN') {
  void i18next.init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, translation]) => [lng, { translation }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
