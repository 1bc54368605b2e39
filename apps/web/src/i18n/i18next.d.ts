import 'i18next';
import type { en } from './en.ts';

// t('nav.catalog') is checked against the English dictionary: a misspelt key does not compile
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
