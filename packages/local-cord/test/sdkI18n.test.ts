// `CordSDK.i18n`: a real i18next instance with Cord's English strings, ready for
// react-i18next as @cord-sdk/react uses it, and the `translations`/`language` options
// applied to it as Cord applies them.
import { translationResources } from '@cord-sdk/types';
import { describe, expect, it } from 'vitest';
import { applyTranslations, createCordI18n } from '../src/sdk/i18n.ts';

describe("the SDK's i18n", () => {
  it("is initialised at once, in English, with Cord's strings", () => {
    const i18n = createCordI18n();
    expect(i18n.isInitialized).toBe(true);
    expect(i18n.language).toBe('en');
    expect(i18n.t('composer:send_message_placeholder')).toBe('Add a comment...');
    expect(i18n.t('thread:placeholder_title')).toBe('Chat with your team, right here');
  });

  it('has what react-i18next and @cord-sdk/react call on it', () => {
    const i18n = createCordI18n();
    expect(i18n.hasLoadedNamespace('composer')).toBe(true);
    expect(i18n.getFixedT(null, 'message', 'timestamp')('minutes_ago', { count: 5 })).toBe('5 mins ago');
    expect(i18n.getResourceBundle('en', 'emoji_picker')).toMatchObject({ categories: expect.any(Object) });
    const languages: string[] = [];
    const listener = (language: string) => languages.push(language);
    i18n.on('languageChanged', listener);
    void i18n.changeLanguage('en');
    i18n.off('languageChanged', listener);
    void i18n.changeLanguage('en');
    expect(languages).toEqual(['en']);
  });

  it("renders Cord's strings with the i18next features they rely on", () => {
    const i18n = createCordI18n();
    expect(i18n.t('thread:replies_status', { count: 1 })).toBe('1 reply');
    expect(i18n.t('thread:replies_status', { count: 3 })).toBe('3 replies');
    expect(i18n.t('user:viewer_user', { user: { displayName: 'Severus' } })).toBe('Severus (you)');
    expect(i18n.t('message:seen_by_status', { users: ['Ana', 'Bo', 'Cy'] })).toBe('Seen by Ana, Bo, & Cy');
    // No HTML escaping: React escapes, and escaping twice would show "&lt;".
    expect(i18n.t('user:other_user', { user: { displayName: '<Minerva>' } })).toBe('<Minerva>');
    const resolved = i18n.t('cord.thread_resolved', {
      ns: 'message_templates',
      returnObjects: true,
      replace: { mention1: { userID: 'u1', text: '@Severus' } },
    });
    expect(resolved).toEqual([
      {
        type: 'p',
        children: [
          { type: 'mention', user: { id: 'u1' }, children: [{ text: '@Severus' }] },
          { text: ' resolved this thread' },
        ],
      },
    ]);
  });

  describe('with the translations option', () => {
    it('overrides the strings given and keeps the rest of the namespace', () => {
      const i18n = createCordI18n();
      applyTranslations(i18n, { en: { thread: { placeholder_title: 'Talk here' } } }, 'en');
      expect(i18n.t('thread:placeholder_title')).toBe('Talk here');
      expect(i18n.t('thread:placeholder_body')).toBe(translationResources.en.thread.placeholder_body);
      expect(i18n.t('composer:send_message_placeholder')).toBe('Add a comment...');
    });

    it('switches to another language, falling back to English for what it lacks', () => {
      const i18n = createCordI18n();
      applyTranslations(i18n, { fr: { composer: { send_message_placeholder: 'Ajouter un commentaire...' } } }, 'fr');
      expect(i18n.language).toBe('fr');
      expect(i18n.t('composer:send_message_placeholder')).toBe('Ajouter un commentaire...');
      expect(i18n.t('thread:placeholder_title')).toBe('Chat with your team, right here');
      applyTranslations(i18n, {}, 'en');
      expect(i18n.t('composer:send_message_placeholder')).toBe('Add a comment...');
    });

    it('always announces the language, even unchanged, so react-i18next renders the new strings', () => {
      const i18n = createCordI18n();
      let announced = 0;
      i18n.on('languageChanged', () => announced++);
      applyTranslations(i18n, { en: { thread: { placeholder_title: 'One' } } }, 'en');
      applyTranslations(i18n, { en: { thread: { placeholder_title: 'Two' } } }, 'en');
      expect(announced).toBe(2);
      expect(i18n.t('thread:placeholder_title')).toBe('Two');
    });

    it('accumulates over calls, as Cord does', () => {
      const i18n = createCordI18n();
      applyTranslations(i18n, { en: { thread: { placeholder_title: 'Title' } } }, 'en');
      applyTranslations(i18n, { en: { thread: { placeholder_body: 'Body' } } }, 'en');
      expect(i18n.t('thread:placeholder_title')).toBe('Title');
      expect(i18n.t('thread:placeholder_body')).toBe('Body');
    });

    it("never writes into the caller's objects, Cord's originals or another instance", () => {
      const first = createCordI18n();
      // Nested, so that i18next's merge would reach into the caller's inner object.
      const translations = { de: { message: { timestamp: { just_now: 'gerade eben' } } } };
      applyTranslations(first, translations, 'de');
      applyTranslations(first, { de: { message: { timestamp: { minutes_ago_one: 'vor 1 Min.' } } } }, 'de');
      applyTranslations(first, { en: { composer: { send_message_placeholder: 'Changed' } } }, 'en');
      expect(translations).toEqual({ de: { message: { timestamp: { just_now: 'gerade eben' } } } });
      expect(translationResources.en.composer.send_message_placeholder).toBe('Add a comment...');
      expect(createCordI18n().t('composer:send_message_placeholder')).toBe('Add a comment...');
    });
  });
});
