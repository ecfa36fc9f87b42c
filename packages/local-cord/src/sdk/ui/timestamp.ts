import dayjs from 'dayjs';
import { html } from 'lit';
import { countedText, i18n, text, translatedOnce } from '../runtime.ts';

// Cord's times, in Cord's words (its i18n namespaces hold the phrases and the dayjs
// formats): "just now", "5 mins ago", "yesterday", a weekday, "Jan 2"; "Viewed 5 mins ago"
// in presence tooltips; the absolute form "3:04 PM" for today, else "Jan 2".

export type TimeNamespace = 'message' | 'presence' | 'notifications';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** dayjs's calendar buckets: days from the start of today, as fractions. */
function calendarBucket(at: number, now: number) {
  const days = dayjs(at).diff(dayjs(now).startOf('day'), 'day', true);
  if (days < -6) return 'other';
  if (days < -1) return 'last_week';
  if (days < 0) return 'yesterday';
  if (days < 1) return 'today';
  if (days < 2) return 'tomorrow';
  if (days < 7) return 'next_week';
  return 'other';
}

function calendarFormat(at: number, now: number, keys: string, todayKey: string): string {
  const bucket = calendarBucket(at, now);
  let key = `${bucket}_format`;
  if (bucket === 'today') key = todayKey;
  else if (bucket === 'other') {
    key = dayjs(at).year() === dayjs(now).year() ? 'this_year_format' : 'other_format';
  }
  const format = text(`${keys}.${key}`);
  return translatedOnce(`format\u0000${format}\u0000${at}`, () => dayjs(at).format(format));
}

/** "just now", "5 mins ago", "in 2 hours", "yesterday", "Monday", "Jan 2", "Jan 2, 2025". */
export function relativeTimestamp(at: number, namespace: TimeNamespace, now = Date.now()): string {
  const keys = `${namespace}:timestamp`;
  const delta = at - now;
  const distance = Math.abs(delta);
  const future = delta > 0;
  if (distance < MINUTE) return text(`${keys}.${delta > 5_000 ? 'in_less_than_a_minute' : 'just_now'}`);
  if (distance < HOUR) {
    return countedText(`${keys}.${future ? 'in_minutes' : 'minutes_ago'}`, Math.floor(distance / MINUTE));
  }
  if (distance < DAY) {
    return countedText(`${keys}.${future ? 'in_hours' : 'hours_ago'}`, Math.floor(distance / HOUR));
  }
  // Within a day is said in hours above, so "today" cannot come up here.
  return calendarFormat(at, now, keys, 'this_year_format');
}

/** "3:04 PM" today, else "Jan 2" (or "Jan 2, 2025"). */
export function absoluteTimestamp(at: number, namespace: TimeNamespace, now = Date.now()): string {
  return calendarFormat(at, now, `${namespace}:absolute_timestamp`, 'today_format');
}

/** The full time, for the tooltip every Cord timestamp has. */
export function timestampTooltip(at: number): string {
  // `formatParams` names the value, so i18next keys its cached Intl formatter without it:
  // otherwise every time shown would make and keep a new formatter.
  return translatedOnce(`tooltip\u0000${at}`, () =>
    i18n.t('message:absolute_timestamp.tooltip', { date: new Date(at), formatParams: { date: {} } }),
  );
}

/** Cord's `p.cord-timestamp`, relative or absolute, with the full time on hover. */
export function timestamp(at: number, options: { relative: boolean; namespace?: TimeNamespace }) {
  const namespace = options.namespace ?? 'message';
  const text = Number.isNaN(at)
    ? 'Invalid Date'
    : options.relative
      ? relativeTimestamp(at, namespace)
      : absoluteTimestamp(at, namespace);
  return html`<p class="cord-timestamp" title=${Number.isNaN(at) ? '' : timestampTooltip(at)}>${text}</p>`;
}
