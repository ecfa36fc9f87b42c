import { type Translations, translationResources } from '@cord-sdk/types';
import i18next, { type i18n } from 'i18next';

/**
 * The i18next instance behind `CordSDK.i18n`, set up as Cord sets up its own: Cord's
 * English strings (from @cord-sdk/types, the copy Cord's components are written
 * against), English as the language and the fallback, and no HTML escaping because
 * React escapes. @cord-sdk/react hands it to react-i18next, which needs it initialised:
 * with the resources given inline, `init` finishes before it returns.
 */
export function createCordI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    // A copy: i18next merges later translations into the objects it is given, and the
    // English originals must stay as they are for every other instance.
    resources: structuredClone(translationResources),
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return instance;
}

/**
 * Applies the `translations` and `language` options as Cord does: each namespace of each
 * language is merged deeply over what is there (so a partial namespace keeps the rest of
 * Cord's strings), and the language is always set again, even when unchanged, because
 * that is the event on which react-i18next renders the new strings.
 */
export function applyTranslations(instance: i18n, translations: Translations, language: string) {
  for (const [lng, namespaces] of Object.entries(translations)) {
    for (const [ns, strings] of Object.entries(namespaces)) {
      // i18next copies `strings` before merging them: the caller's objects stay as given.
      instance.addResourceBundle(lng, ns, strings, true, true);
    }
  }
  void instance.changeLanguage(language);
}
