const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 mins ago", "2 hours ago", "yesterday", "3 days ago", then the date. */
export function relativeTime(at: number, now = Date.now()): string {
  const ago = Math.max(0, now - at);
  const count = (unit: number, name: string) => {
    const n = Math.floor(ago / unit);
    return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  };
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return count(MINUTE, 'min');
  if (ago < DAY) return count(HOUR, 'hour');
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 7 * DAY) return count(DAY, 'day');
  return new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** The time in full, for a tooltip. */
export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
