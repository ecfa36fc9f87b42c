import dayjs from 'dayjs';
import { html, noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';
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

/** The time each timestamp on the page shows, for its tooltip. */
const shownTimes = new WeakMap<Element, number>();
/** What a timestamp belongs to: the pointer over it makes the tooltips of the times in it. */
const TOOLTIP_HOLDERS = '.cord-timestamp, .cord-message, .cord-notification-container, cord-timestamp';
/** The page's one listener for that, added with the first timestamp. */
let titling = false;

/**
 * A timestamp's tooltip (its `title`) is made when the pointer comes over the message,
 * notification or timestamp it belongs to, before it reaches the time itself: like Cord's
 * tooltip, which only shows on hover. Made for every time shown, the full date in the
 * language's words cost a page of 200 messages 20-45 ms (the browser's first date format
 * alone is most of it).
 */
function titleTimestamps(event: Event) {
  const over = event.target instanceof Element ? event.target.closest(TOOLTIP_HOLDERS) : null;
  if (!over) return;
  const times = over.matches('.cord-timestamp') ? [over] : over.querySelectorAll('.cord-timestamp');
  for (const time of times) {
    const at = shownTimes.get(time);
    if (at === undefined) continue;
    const tooltip = timestampTooltip(at);
    if (time.getAttribute('title') !== tooltip) time.setAttribute('title', tooltip);
  }
}

/** Marks an element as showing a time, its tooltip to be made on hover (at once if it has one already). */
class ShownTime extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('shownTime() goes on an element');
  }

  render(_at: number) {
    return noChange;
  }

  override update(part: ElementPart, [at]: [number]) {
    const time = part.element;
    if (shownTimes.get(time) !== at) {
      shownTimes.set(time, at);
      if (time.hasAttribute('title')) time.setAttribute('title', timestampTooltip(at));
    }
    if (!titling) {
      titling = true;
      document.addEventListener('pointerover', titleTimestamps, { capture: true, passive: true });
    }
    return noChange;
  }
}
const shownTime = directive(ShownTime);

/** While an element renders (`watchWording` to `wordingChangesAt`): the first moment a time it shows is worded anew. */
let wording: { changesAt: number } | undefined;

/** Starts noting, while an element renders, when the times it shows will be worded differently. */
export function watchWording() {
  wording = { changesAt: Number.POSITIVE_INFINITY };
}

/** Stops noting: the first moment a time rendered since `watchWording` reads differently. */
export function wordingChangesAt(): number {
  const changesAt = wording?.changesAt ?? Number.POSITIVE_INFINITY;
  wording = undefined;
  return changesAt;
}

/** When the words for `at` change next: a minute or an hour on in the first day, else at midnight (now for future times). */
function nextWording(at: number, relative: boolean, now: number): number {
  const since = now - at;
  if (relative && since < 0) return now;
  if (relative && since < DAY) {
    const step = since < HOUR ? MINUTE : HOUR;
    return at + (Math.floor(since / step) + 1) * step;
  }
  return dayjs(now).add(1, 'day').startOf('day').valueOf();
}

/** Cord's `p.cord-timestamp`, relative or absolute, with the full time on hover. */
export function timestamp(at: number, options: { relative: boolean; namespace?: TimeNamespace }) {
  const namespace = options.namespace ?? 'message';
  if (Number.isNaN(at)) return html`<p class="cord-timestamp">Invalid Date</p>`;
  const now = Date.now();
  const text = options.relative ? relativeTimestamp(at, namespace, now) : absoluteTimestamp(at, namespace, now);
  if (wording) wording.changesAt = Math.min(wording.changesAt, nextWording(at, options.relative, now));
  return html`<p class="cord-timestamp" ${shownTime(at)}>${text}</p>`;
}
