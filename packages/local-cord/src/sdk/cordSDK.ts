import type { LocalCordClient } from './data/localCordClient.ts';

interface InitOptions {
  client_auth_token?: string;
  onInitError?: (error: { message: string }) => unknown;
  [option: string]: unknown;
}

/**
 * The `window.CordSDK` that `@cord-sdk/react`'s CordProvider drives: it only calls
 * `init`, `destroy` and reads `i18n`. `init` resolves at once and reports sign-in
 * failures later through `onInitError`, as Cord does.
 */
export class CordSDK {
  readonly i18n = undefined;
  options: InitOptions = {};
  private identity: string | undefined;

  constructor(private readonly client: LocalCordClient) {}

  init(options: InitOptions): Promise<void> {
    this.options = options;
    const token = options.client_auth_token;
    if (!token) return Promise.resolve();
    const identity = tokenIdentity(token);
    if (identity === this.identity) {
      // The same user with a fresh iat/exp: CordProvider re-runs init on every prop
      // change, and reconnecting each time would loop.
      this.client.refreshToken(token);
      return Promise.resolve();
    }
    this.identity = identity;
    this.client.connect(token, (message) => {
      void this.options.onInitError?.({ message });
    });
    return Promise.resolve();
  }

  destroy() {
    this.identity = undefined;
    this.client.disconnect();
  }
}

/** The token's payload without its timestamps: two tokens for one user compare equal. */
function tokenIdentity(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const { iat: _iat, exp: _exp, nbf: _nbf, ...claims } = JSON.parse(json) as Record<string, unknown>;
    return JSON.stringify(claims);
  } catch {
    // Not a JWT: let local Cord refuse it with Cord's message.
    return token;
  }
}
