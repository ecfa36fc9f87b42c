import { RATE_BURST, RATE_LIMIT, RATE_WINDOW_MS } from '../../protocol/limits.ts';

/**
 * A token bucket per connection: RATE_LIMIT requests per RATE_WINDOW_MS on average,
 * with room for a burst of RATE_BURST.
 */
export class RateLimiter {
  private tokens = RATE_BURST;
  private refilledAt: number;

  constructor(now = Date.now()) {
    this.refilledAt = now;
  }

  /** Whether one more request may go through now; counts it if so. */
  take(now = Date.now()): boolean {
    const earned = ((now - this.refilledAt) * RATE_LIMIT) / RATE_WINDOW_MS;
    this.tokens = Math.min(RATE_BURST, this.tokens + earned);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
