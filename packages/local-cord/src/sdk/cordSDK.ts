import type { CordSDKInitOptions, CordSDKOptions, ICordSDK } from '@cord-sdk/types';
import type { i18n } from 'i18next';
import { AnnotationRegistry } from './api/annotation.ts';
import { FileSDK } from './api/fileSDK.ts';
import { NotificationSDK } from './api/notificationSDK.ts';
import { PresenceSDK } from './api/presenceSDK.ts';
import { ThreadSDK } from './api/threadSDK.ts';
import { UserSDK } from './api/userSDK.ts';
import type { LiveData } from './data/liveData.ts';
import { applyTranslations, createCordI18n } from './i18n.ts';
import { checkOptions, defaultOptions, mergeOptions, type SdkOptions, sameOptions } from './options.ts';
import { tokenGroupId, tokenIdentity } from './token.ts';

/** Cord's `window.CordSDK`; @cord-sdk/react adds `i18n` to Cord's type. */
type TopLevelSDK = ICordSDK & { readonly i18n: i18n };

/**
 * The `window.CordSDK` that `@cord-sdk/react`'s CordProvider and components drive.
 * `init` resolves at once and reports sign-in failures later through `onInitError`, as
 * Cord does; it signs in again only when the token is for someone else.
 */
export class CordSDK implements TopLevelSDK {
  options: SdkOptions = defaultOptions();
  /** The token's group, which components and calls default to (Cord's `groupID`). */
  groupID: string | undefined;
  /**
   * The client auth token the SDK signed in with; Cord's guide (step 2) logs it to check
   * that init worked. A fresh token for the same user leaves it, as in Cord.
   */
  accessToken: string | undefined;
  readonly annotation = new AnnotationRegistry();
  readonly experimental = {};
  /** The open-source (betaV2) components a page renders; they add their names here. */
  readonly __CORD_OPENSOURCE_COMPONENTS = new Set<string>();
  private identity: string | undefined;
  private onInitError: CordSDKInitOptions['onInitError'];

  readonly thread: ThreadSDK;
  readonly user: UserSDK;
  readonly presence: PresenceSDK;
  readonly notification: NotificationSDK;
  readonly file: FileSDK;
  /** @deprecated Cord's old home of the thread counts. */
  readonly activity: ICordSDK['activity'];

  /** `i18n`: the page's strings, shared with its elements. */
  constructor(
    private readonly live: LiveData,
    readonly i18n: i18n = createCordI18n(),
  ) {
    this.thread = new ThreadSDK(live);
    this.user = new UserSDK(live, () => this.groupID);
    this.presence = new PresenceSDK(live);
    this.notification = new NotificationSDK(live);
    this.file = new FileSDK(live);
    this.activity = {
      observeThreadSummary: (...args) => this.thread.observeLocationSummary(...args),
      unobserveThreadSummary: (ref) => this.thread.unobserveLocationSummary(ref),
    };
  }

  /** @deprecated Cord's old name for `annotation`. */
  get annotations() {
    return this.annotation;
  }

  async init(options: CordSDKInitOptions): Promise<void> {
    const token = options.client_auth_token;
    if (!token) throw new Error('Missing client_auth_token');
    const next = mergeOptions(defaultOptions(), checkOptions(options));
    this.onInitError = options.onInitError;
    const identity = tokenIdentity(token);
    if (identity === this.identity) {
      // The same user with a fresh iat/exp: CordProvider re-runs init on every prop
      // change, and reconnecting each time would loop.
      this.live.refreshToken(token);
      if (sameOptions(next, this.options)) {
        console.warn('Initializing CordSDK with the same options');
        return;
      }
    } else {
      this.destroy();
      this.identity = identity;
      this.accessToken = token;
      this.groupID = tokenGroupId(token);
      this.live.connect(token, (message) => {
        void this.onInitError?.({ message });
      });
    }
    this.setOptions(next);
  }

  /** Changes only the options given; the rest stay as they are. */
  updateOptions(options: CordSDKOptions) {
    this.setOptions(mergeOptions(this.options, checkOptions(options)));
  }

  destroy() {
    this.identity = undefined;
    this.accessToken = undefined;
    this.groupID = undefined;
    this.options = defaultOptions();
    this.live.disconnect();
  }

  private setOptions(options: SdkOptions) {
    this.options = options;
    applyTranslations(this.i18n, options.translations, options.language);
  }

  // Cord sends these to its own analytics. Local Cord has none, and @cord-sdk/react only
  // needs them to exist and resolve.
  logEvent(_eventName: string, _payload?: object): Promise<void> {
    return Promise.resolve();
  }

  logDeprecation(_key: string): Promise<void> {
    return Promise.resolve();
  }

  __logV2Component(_name: string, _what: 'usage' | 'replacement') {}

  // Cord uses Monaco editors and React trees to anchor annotations in them; local Cord
  // draws no annotations, so there is nothing to keep.
  addMonacoEditor(_id: string, _monacoEditor: unknown) {}
  removeMonacoEditor(_id: string) {}
  addReactTree(_id: string, _reactTree: unknown) {}
  removeReactTree(_id: string) {}
}
