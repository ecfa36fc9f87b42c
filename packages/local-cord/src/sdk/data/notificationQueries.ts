import type { ServerEvent } from '../../protocol/events.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { NotificationData } from '../../protocol/views.ts';
import type { LiveData } from './liveData.ts';
import { LiveQuery } from './liveQuery.ts';

// The viewer's notifications (Cord's observeNotifications) and their unread count
// (observeNotificationCounts), each kept live by local Cord's pushes.

export interface NotificationListState {
  /** Newest first. */
  notifications: NotificationData[];
  hasMore: boolean;
  loading: boolean;
}

const LOADING: NotificationListState = { notifications: [], hasMore: false, loading: true };

/** Why local Cord refused a notification query, as Cord's SDK logs it. */
function logRefusal(error: Error, what: string) {
  // Cord's own words for a group filter the viewer is not in.
  if (error.message.startsWith('User is not part of group')) console.error(error.message);
  else console.error(`Error fetching ${what}`, error);
}

/** A page (or several) of the viewer's notifications; new ones, changes and deletions arrive live. */
export class NotificationListQuery extends LiveQuery<NotificationListState> {
  static key(filter: NotificationFilter, pageSize: number) {
    return `notifications\n${JSON.stringify(filter)}\n${pageSize}`;
  }

  private readonly queryId: string;

  constructor(
    live: LiveData,
    private readonly filter: NotificationFilter,
    private readonly pageSize: number,
  ) {
    super(live, NotificationListQuery.key(filter, pageSize), LOADING);
    this.queryId = live.queryId();
  }

  start() {
    this.publish(LOADING);
    this.live
      .request({ type: 'notifications.observe', queryId: this.queryId, filter: this.filter, count: this.pageSize })
      .then(
        ({ notifications, hasMore }) => this.publish({ notifications, hasMore, loading: false }),
        (error: Error) => logRefusal(error, 'notifications'),
      );
  }

  stop() {
    this.live.tell({ type: 'notifications.unobserve', queryId: this.queryId });
  }

  reset() {
    this.publish(LOADING);
  }

  /** The list as local Cord has it now: its order, with the notifications that changed. */
  override handle(event: ServerEvent) {
    if (event.type !== 'notifications' || event.queryId !== this.queryId) return;
    const known = new Map(this.value.notifications.map((notification) => [notification.id, notification]));
    for (const notification of event.notifications) known.set(notification.id, notification);
    const notifications = event.order.flatMap((id) => known.get(id) ?? []);
    this.publish({ ...this.value, notifications });
  }

  /** Loads `count` older notifications after those listed; a call while loading does nothing, as in Cord. */
  async fetchMore(count: number) {
    const state = this.value;
    if (state.loading || !state.hasMore) return;
    this.publish({ ...state, loading: true });
    try {
      const page = await this.live.request({ type: 'notifications.more', queryId: this.queryId, count });
      const current = this.value;
      const listed = new Set(current.notifications.map((notification) => notification.id));
      const older = page.notifications.filter((notification) => !listed.has(notification.id));
      this.publish({ notifications: [...current.notifications, ...older], hasMore: page.hasMore, loading: false });
    } catch (error) {
      this.publish({ ...this.value, loading: false });
      throw error;
    }
  }
}

/** How many of the viewer's notifications (matching a filter) are unread. undefined until known. */
export class NotificationCountsQuery extends LiveQuery<number | undefined> {
  static key(filter: NotificationFilter) {
    return `notificationCounts\n${JSON.stringify(filter)}`;
  }

  private readonly queryId: string;

  constructor(
    live: LiveData,
    private readonly filter: NotificationFilter,
  ) {
    super(live, NotificationCountsQuery.key(filter), undefined);
    this.queryId = live.queryId();
  }

  start() {
    this.live.request({ type: 'notificationCounts.observe', queryId: this.queryId, filter: this.filter }).then(
      ({ unread }) => this.publish(unread),
      (error: Error) => logRefusal(error, 'notification summary'),
    );
  }

  stop() {
    this.live.tell({ type: 'notificationCounts.unobserve', queryId: this.queryId });
  }

  reset() {
    this.publish(undefined);
  }

  override handle(event: ServerEvent) {
    if (event.type === 'notificationCounts' && event.queryId === this.queryId) this.publish(event.unread);
  }
}
