import { RATE_BURST, RATE_LIMIT, RATE_WINDOW_MS } from '../../protocol/limits.ts';

/**
 * A token bucket: `rate` requests per RATE_WINDOW_MS on average, with room for a burst
 * of `burst`. A connection's is RATE_LIMIT with RATE_BURST; a user's, USER_RATE_LIMIT.
 */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    now = Date.now(),
    private readonly rate = RATE_LIMIT,
    private readonly burst = RATE_BURST,
  ) {
    this.refilledAt = now;
    this.tokens = burst;
  }

  /** Whether one more request may go through now; counts it if so. */
  take(now = Date.now()): boolean {
    const earned = ((now - this.refilledAt) * this.rate) / RATE_WINDOW_MS;
    this.tokens = Math.min(this.burst, this.tokens + earned);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
