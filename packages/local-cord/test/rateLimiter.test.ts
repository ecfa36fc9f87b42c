import { describe, expect, it } from 'vitest';
import { RATE_BURST, RATE_LIMIT, RATE_WINDOW_MS } from '../src/protocol/limits.ts';
import { RateLimiter } from '../src/server/live/rateLimiter.ts';

describe('RateLimiter', () => {
  it('lets a burst through, then refuses until time has earned more', () => {
    const limiter = new RateLimiter(0);
    const burst = Array.from({ length: RATE_BURST + 5 }, () => limiter.take(0));
    expect(burst.filter(Boolean)).toHaveLength(RATE_BURST);
    expect(limiter.take(0)).toBe(false);
    // One request's worth of time later, exactly one more.
    const oneRequest = RATE_WINDOW_MS / RATE_LIMIT;
    expect(limiter.take(oneRequest)).toBe(true);
    expect(limiter.take(oneRequest)).toBe(false);
  });

  it('holds a steady RATE_LIMIT a second forever', () => {
    const limiter = new RateLimiter(0);
    let granted = 0;
    for (let ms = 0; ms < 10 * RATE_WINDOW_MS; ms += 5) if (limiter.take(ms)) granted++;
    // The starting burst plus what ten seconds earn, no more.
    expect(granted).toBeLessThanOrEqual(RATE_BURST + 10 * RATE_LIMIT);
    expect(granted).toBeGreaterThanOrEqual(RATE_BURST + 10 * RATE_LIMIT - 1);
  });
});
