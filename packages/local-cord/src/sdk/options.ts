import {
  type CordSDKOptions,
  isAnnotationMode,
  isBlurDisplayLocation,
  isCaptureScreenshotEvent,
  type ScreenshotOptions,
} from '@cord-sdk/types';

// Cord's SDK options: their defaults, the checks `init` and `updateOptions` make, how
// new options merge into the current ones, and when two sets count as the same.

/** The options without the deprecated spellings, which are folded into the current ones. */
type CurrentOptions = Omit<
  CordSDKOptions,
  'blur_screenshots' | 'enable_screenshot_capture' | 'show_blurred_screenshots' | 'annotation_mode'
>;

/** `CordSDK.options`: every option has a value. */
export type SdkOptions = Required<CurrentOptions> & { screenshot_options: Required<ScreenshotOptions> };

/** Cord's defaults, as a new object each time so that no caller can change them for others. */
export function defaultOptions(): SdkOptions {
  return {
    enable_annotations: true,
    enable_slack: true,
    enable_tasks: true,
    navigate: null,
    thread_options: { additional_subscribers_on_create: [] },
    screenshot_options: {
      blur: false,
      show_blurred: 'outside_page',
      capture_when: ['new-annotation', 'share-via-email'],
      show_screenshot: true,
    },
    custom_renderers: {},
    custom_event_metadata: {},
    translations: {},
    language: 'en',
    beforeMessageCreate: null,
  };
}

/**
 * Checks options as given to `init` or `updateOptions` and returns them in their current
 * spelling, the deprecated ones translated. Throws Cord's error for a value Cord refuses,
 * and ours for translations or a language that i18next could not use.
 */
export function checkOptions(options: CordSDKOptions): CurrentOptions {
  if (options.show_blurred_screenshots && !isBlurDisplayLocation(options.show_blurred_screenshots)) {
    throw new Error('Invalid setting for show_blurred_screenshots');
  }
  if (options.annotation_mode && !isAnnotationMode(options.annotation_mode)) {
    throw new Error('Invalid value for annotation_mode');
  }
  const captureWhen: unknown = options.screenshot_options?.capture_when;
  if (
    captureWhen &&
    (!Array.isArray(captureWhen) ||
      !captureWhen.every((event) => typeof event === 'string' && isCaptureScreenshotEvent(event)))
  ) {
    throw new Error('Invalid value for screenshot_options.capture_when');
  }
  if (options.translations !== undefined && !isTranslations(options.translations)) {
    throw new Error(
      'Invalid value for translations: expected an object of languages, each an object of namespaces, each an object of strings',
    );
  }
  if (options.language !== undefined && (typeof options.language !== 'string' || options.language === '')) {
    throw new Error('Invalid value for language: expected a language code such as "en"');
  }
  return {
    enable_slack: options.enable_slack,
    enable_tasks: options.enable_tasks,
    // annotation_mode is the old way to say enable_annotations, used only without the new.
    enable_annotations:
      options.enable_annotations ??
      (options.annotation_mode === undefined ? undefined : options.annotation_mode !== 'none'),
    navigate: options.navigate,
    beforeMessageCreate: options.beforeMessageCreate,
    thread_options: options.thread_options,
    custom_renderers: options.custom_renderers,
    custom_event_metadata: options.custom_event_metadata,
    translations: options.translations,
    language: options.language,
    screenshot_options: {
      blur: options.screenshot_options?.blur ?? options.blur_screenshots,
      capture_when:
        options.screenshot_options?.capture_when ?? (options.enable_screenshot_capture === false ? [] : undefined),
      show_blurred: options.screenshot_options?.show_blurred ?? options.show_blurred_screenshots,
      show_screenshot: options.screenshot_options?.show_screenshot,
    },
  };
}

/**
 * `changes` over `current`. An option given as `undefined` counts as not given (React
 * passes every prop, set or not), and screenshot options merge one by one.
 */
export function mergeOptions(current: SdkOptions, changes: CurrentOptions): SdkOptions {
  return {
    ...current,
    ...withoutUndefined(changes),
    screenshot_options: { ...current.screenshot_options, ...withoutUndefined(changes.screenshot_options ?? {}) },
  };
}

/**
 * Whether two sets of options are the same. Functions (`navigate`, `beforeMessageCreate`,
 * custom renderers) count as the same when their source is, as in Cord: an inline arrow
 * in a React component is a new function on every render.
 */
export function sameOptions(a: SdkOptions, b: SdkOptions): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' && typeof b === 'function') return a.toString() === b.toString();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Languages of namespaces of plain data: strings, and for message templates, objects and
 * arrays of them. Functions or class instances could not be copied into i18next.
 */
function isTranslations(value: unknown): value is CordSDKOptions['translations'] {
  return (
    isObject(value) &&
    Object.values(value).every(
      (namespaces) =>
        isObject(namespaces) && Object.values(namespaces).every((strings) => isObject(strings) && isPlainData(strings)),
    )
  );
}

function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (!isObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainData);
}
