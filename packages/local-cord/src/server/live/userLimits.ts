import { MAX_CONNECTIONS_PER_USER, USER_RATE_BURST, USER_RATE_LIMIT } from '../../protocol/limits.ts';
import { RateLimiter } from './rateLimiter.ts';

interface UserUsage {
  connections: number;
  rate: RateLimiter;
}

/**
 * What one user may do over all their connections together: how many they keep open
 * (MAX_CONNECTIONS_PER_USER) and how many requests they make (USER_RATE_LIMIT a second).
 * A connection's own limit alone let one user multiply their rate by opening more.
 */
export class UserLimits {
  private readonly users = new Map<string, UserUsage>();

  /** Counts a new connection of the user in, unless they already have as many as they may. */
  admit(userId: string): boolean {
    const user = this.users.get(userId) ?? {
      connections: 0,
      rate: new RateLimiter(Date.now(), USER_RATE_LIMIT, USER_RATE_BURST),
    };
    if (user.connections >= MAX_CONNECTIONS_PER_USER) return false;
    user.connections++;
    this.users.set(userId, user);
    return true;
  }

  /** One of the user's connections closed. */
  release(userId: string) {
    const user = this.users.get(userId);
    if (!user) return;
    user.connections--;
    if (user.connections === 0) this.users.delete(userId);
  }

  /** Why the user may not make one more request now, or undefined (and it is counted) if they may. */
  refusal(userId: string): string | undefined {
    if (this.users.get(userId)?.rate.take()) return undefined;
    return `Too many requests from this user: at most ${USER_RATE_LIMIT} a second over all their connections.`;
  }
}
