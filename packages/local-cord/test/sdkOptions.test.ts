// The SDK's options as Cord treats them: defaults, the checks with Cord's error texts,
// how init and updateOptions merge, and when two sets count as the same.
import type { CordSDKOptions } from '@cord-sdk/types';
import { describe, expect, it } from 'vitest';
import { checkOptions, defaultOptions, mergeOptions, sameOptions } from '../src/sdk/options.ts';

/** What `init` keeps: Cord's defaults with the given options over them. */
const initWith = (options: CordSDKOptions) => mergeOptions(defaultOptions(), checkOptions(options));

describe('SDK options', () => {
  it("start from Cord's defaults", () => {
    const options = initWith({});
    expect(options).toEqual(defaultOptions());
    expect(options.screenshot_options.capture_when).toEqual(['new-annotation', 'share-via-email']);
    expect(options.language).toBe('en');
    expect(options.navigate).toBeNull();
  });

  it('hand out a fresh copy of the defaults each time', () => {
    const first = defaultOptions();
    first.screenshot_options.capture_when.push('new-message');
    first.thread_options.additional_subscribers_on_create.push('someone');
    expect(defaultOptions().screenshot_options.capture_when).toEqual(['new-annotation', 'share-via-email']);
    expect(defaultOptions().thread_options.additional_subscribers_on_create).toEqual([]);
  });

  it('treat an option given as undefined as not given, as CordProvider passes every prop', () => {
    const options = initWith({
      enable_tasks: undefined,
      language: undefined,
      navigate: undefined,
      screenshot_options: { blur: true, capture_when: undefined, show_blurred: undefined },
    });
    expect(options.enable_tasks).toBe(true);
    expect(options.language).toBe('en');
    expect(options.navigate).toBeNull();
    expect(options.screenshot_options).toEqual({ ...defaultOptions().screenshot_options, blur: true });
  });

  it('merge updateOptions into the current options, changing only the keys given', () => {
    const current = initWith({ language: 'fr', enable_slack: false, screenshot_options: { blur: true } });
    const updated = mergeOptions(
      current,
      checkOptions({ translations: { fr: { thread: { placeholder_title: 'Bonjour' } } }, screenshot_options: {} }),
    );
    expect(updated.language).toBe('fr');
    expect(updated.enable_slack).toBe(false);
    expect(updated.screenshot_options.blur).toBe(true);
    expect(updated.translations).toEqual({ fr: { thread: { placeholder_title: 'Bonjour' } } });
  });

  it('translate the deprecated spellings', () => {
    expect(initWith({ annotation_mode: 'none' }).enable_annotations).toBe(false);
    expect(initWith({ annotation_mode: 'none', enable_annotations: true }).enable_annotations).toBe(true);
    expect(initWith({ annotation_mode: 'everywhere' }).enable_annotations).toBe(true);
    expect(initWith({ enable_screenshot_capture: false }).screenshot_options.capture_when).toEqual([]);
    expect(
      initWith({ blur_screenshots: true, show_blurred_screenshots: 'everywhere' }).screenshot_options,
    ).toMatchObject({ blur: true, show_blurred: 'everywhere' });
    expect(initWith({ blur_screenshots: true, screenshot_options: { blur: false } }).screenshot_options.blur).toBe(
      false,
    );
  });

  it("refuse bad values with Cord's error texts", () => {
    const bad = (options: unknown) => () => checkOptions(options as CordSDKOptions);
    expect(bad({ show_blurred_screenshots: 'nowhere' })).toThrow(
      new Error('Invalid setting for show_blurred_screenshots'),
    );
    expect(bad({ annotation_mode: 'sometimes' })).toThrow(new Error('Invalid value for annotation_mode'));
    for (const captureWhen of ['new-message', ['new-message', 'on-a-whim'], [7]]) {
      expect(bad({ screenshot_options: { capture_when: captureWhen } })).toThrow(
        new Error('Invalid value for screenshot_options.capture_when'),
      );
    }
    expect(checkOptions({ screenshot_options: { capture_when: [] } }).screenshot_options?.capture_when).toEqual([]);
  });

  it('refuse translations and languages that i18next could not use, with a clear message', () => {
    const bad = (options: unknown) => () => checkOptions(options as CordSDKOptions);
    for (const translations of [
      'hello',
      { en: 'hello' },
      { en: { composer: 'hello' } },
      { en: { composer: { send_message_placeholder: () => 'hello' } } },
      { en: { composer: { send_message_placeholder: new Date() } } },
    ]) {
      expect(bad({ translations })).toThrow(/^Invalid value for translations/);
    }
    for (const language of ['', 42, { code: 'en' }]) {
      expect(bad({ language })).toThrow(/^Invalid value for language/);
    }
    // Message templates are arrays of message nodes: objects and arrays are fine.
    const templates = {
      en: { message_templates: { 'cord.thread_resolved': [{ type: 'p', children: [{ text: 'x', bold: true }] }] } },
    };
    expect(checkOptions({ translations: templates } as CordSDKOptions).translations).toEqual(templates);
  });

  describe('compared for a repeated init', () => {
    it('are the same when equal in content, whatever the object identities', () => {
      const make = () =>
        initWith({
          translations: { en: { composer: { send_message_placeholder: 'Say it' } } },
          thread_options: { additional_subscribers_on_create: ['a', 'b'] },
          custom_event_metadata: { page: 'x', nested: { deep: [1, 2] } },
        });
      expect(sameOptions(make(), make())).toBe(true);
    });

    it('compare functions by their source, so an inline callback recreated on render is the same', () => {
      const make = () => initWith({ navigate: (url) => url.length > 0, beforeMessageCreate: (message) => message });
      expect(sameOptions(make(), make())).toBe(true);
      expect(sameOptions(make(), initWith({ navigate: (url) => url.length > 1 }))).toBe(false);
      const renderer = () => ({ custom_renderers: { card: () => document.createElement('div') } });
      expect(sameOptions(initWith(renderer()), initWith(renderer()))).toBe(true);
      expect(
        sameOptions(
          initWith(renderer()),
          initWith({ custom_renderers: { card: () => document.createElement('span') } }),
        ),
      ).toBe(false);
    });

    it('differ on any changed value, added key or reordered array', () => {
      const base = initWith({ thread_options: { additional_subscribers_on_create: ['a', 'b'] } });
      expect(sameOptions(base, initWith({ thread_options: { additional_subscribers_on_create: ['b', 'a'] } }))).toBe(
        false,
      );
      expect(sameOptions(base, mergeOptions(base, checkOptions({ language: 'de' })))).toBe(false);
      expect(sameOptions(base, mergeOptions(base, checkOptions({ screenshot_options: { blur: true } })))).toBe(false);
      expect(
        sameOptions(
          base,
          mergeOptions(base, checkOptions({ translations: { en: { thread: { placeholder_title: 'x' } } } })),
        ),
      ).toBe(false);
      expect(sameOptions(base, mergeOptions(base, checkOptions({ custom_event_metadata: { extra: null } })))).toBe(
        false,
      );
    });
  });
});
