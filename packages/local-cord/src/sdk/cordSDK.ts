import { NotificationSDK } from './api/notificationSDK.ts';
import { PresenceSDK } from './api/presenceSDK.ts';
import { ThreadSDK } from './api/threadSDK.ts';
import { UserSDK } from './api/userSDK.ts';
import type { LiveData } from './data/liveData.ts';

interface InitOptions {
  client_auth_token?: string;
  onInitError?: (error: { message: string }) => unknown;
  [option: string]: unknown;
}

/**
 * The `window.CordSDK` that `@cord-sdk/react` and apps drive. `init` resolves at once and
 * reports sign-in failures later through `onInitError`, as Cord does; the thread, user,
 * presence and notification APIs are observers of the one data layer.
 */
export class CordSDK {
  readonly i18n = undefined;
  options: InitOptions = {};
  /** The group the signed-in token names, as Cord sets it. */
  groupID: string | undefined;
  readonly thread: ThreadSDK;
  readonly user: UserSDK;
  readonly presence: PresenceSDK;
  readonly notification: NotificationSDK;
  private identity: string | undefined;

  constructor(private readonly live: LiveData) {
    this.thread = new ThreadSDK(live);
    this.user = new UserSDK(live, () => this.groupID);
    this.presence = new PresenceSDK(live);
    this.notification = new NotificationSDK();
  }

  init(options: InitOptions): Promise<void> {
    this.options = options;
    const token = options.client_auth_token;
    if (!token) return Promise.resolve();
    const identity = tokenIdentity(token);
    if (identity === this.identity) {
      // The same user with a fresh iat/exp: CordProvider re-runs init on every prop
      // change, and reconnecting each time would loop.
      this.live.refreshToken(token);
      return Promise.resolve();
    }
    this.identity = identity;
    this.groupID = tokenGroup(token);
    this.live.connect(token, (message) => {
      void this.options.onInitError?.({ message });
    });
    return Promise.resolve();
  }

  destroy() {
    this.identity = undefined;
    this.groupID = undefined;
    this.live.disconnect();
  }
}

function tokenPayload(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The token's payload without its timestamps: two tokens for one user compare equal. */
function tokenIdentity(token: string): string {
  const payload = tokenPayload(token);
  // Not a JWT: let local Cord refuse it with Cord's message.
  if (!payload) return token;
  const { iat: _iat, exp: _exp, nbf: _nbf, ...claims } = payload;
  return JSON.stringify(claims);
}

/** The group a token names (`group_id`, or the older `organization_id`), as a string. */
function tokenGroup(token: string): string | undefined {
  const payload = tokenPayload(token);
  const group = payload?.group_id ?? payload?.organization_id;
  return typeof group === 'string' || typeof group === 'number' ? String(group) : undefined;
}
