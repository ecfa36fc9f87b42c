import type { ServerEvent } from '../../protocol/events.ts';
import { type CordLocation, locationKey } from '../../protocol/location.ts';
import type { ThreadFilter } from '../../protocol/requests.ts';
import type { MessageData, PresenceView, ThreadCountsData, UserData } from '../../protocol/views.ts';
import type { LiveData } from './liveData.ts';
import { LiveQuery } from './liveQuery.ts';

// The queries whose value is one answer kept up to date by one kind of event.

/** Cord's thread counts over a filter. undefined until the first answer. */
export class ThreadCountsQuery extends LiveQuery<ThreadCountsData | undefined> {
  private readonly queryId: string;

  constructor(
    live: LiveData,
    key: string,
    private readonly groupId: string | undefined,
    private readonly filter: ThreadFilter,
  ) {
    super(live, key, undefined);
    this.queryId = live.queryId();
  }

  start() {
    this.live
      .request({ type: 'threadCounts.observe', queryId: this.queryId, groupId: this.groupId, filter: this.filter })
      .then(
        ({ counts }) => this.publish(counts),
        (error: Error) => console.warn(`Error fetching location summary: ${error.message}`),
      );
  }

  stop() {
    this.live.tell({ type: 'threadCounts.unobserve', queryId: this.queryId });
  }

  reset() {
    this.publish(undefined);
  }

  override handle(event: ServerEvent) {
    if (event.type === 'threadCounts' && event.queryId === this.queryId) this.publish(event.counts);
  }
}

/** One message. undefined while loading, null if it does not exist or may not be seen. */
export class MessageQuery extends LiveQuery<MessageData | null | undefined> {
  constructor(
    live: LiveData,
    key: string,
    private readonly messageId: string,
  ) {
    super(live, key, undefined);
  }

  start() {
    this.live.request({ type: 'message.observe', messageId: this.messageId }).then(
      ({ message, users }) => {
        this.live.remember(users);
        this.publish(message);
      },
      () => this.publish(null),
    );
  }

  stop() {
    this.live.tell({ type: 'message.unobserve', messageId: this.messageId });
  }

  reset() {
    this.publish(undefined);
  }

  override handle(event: ServerEvent) {
    if (event.type === 'message' && event.message.id === this.messageId) this.publish(event.message);
    if (event.type === 'messageGone' && event.messageId === this.messageId) this.publish(null);
  }
}

/**
 * One user. undefined while loading, null if unknown to the viewer. Whatever brings the
 * user's data later (a message, their presence, a change of name) updates it: a user
 * unknown when first asked for may sign in for the first time afterwards.
 */
export class UserQuery extends LiveQuery<UserData | null | undefined> {
  private stopUsers: (() => void) | undefined;

  constructor(
    live: LiveData,
    key: string,
    private readonly userId: string,
  ) {
    super(live, key, live.user(userId));
  }

  start() {
    this.stopUsers?.();
    this.stopUsers = this.live.onUsers(() => {
      const user = this.live.user(this.userId);
      if (user && user !== this.value) this.publish(user);
    });
    // Observers are told only of a change: the user may be known already (met with data).
    const known = this.live.user(this.userId);
    if (known && known !== this.value) this.publish(known);
    void this.live.loadUser(this.userId).then((user) => {
      const now = this.live.user(this.userId) ?? user;
      if (now !== this.value) this.publish(now);
    });
  }

  stop() {
    this.stopUsers?.();
    this.stopUsers = undefined;
  }

  reset() {
    this.publish(undefined);
  }
}

export interface MembersState {
  members: UserData[];
  hasMore: boolean;
  loading: boolean;
}

/** The members of a group, paged; joins and departures arrive live. */
export class GroupMembersQuery extends LiveQuery<MembersState> {
  private readonly queryId: string;

  constructor(
    live: LiveData,
    key: string,
    private readonly groupId: string,
    private readonly pageSize: number,
  ) {
    super(live, key, { members: [], hasMore: true, loading: true });
    this.queryId = live.queryId();
  }

  start() {
    this.live
      .request({ type: 'groupMembers.observe', queryId: this.queryId, groupId: this.groupId, count: this.pageSize })
      .then(
        ({ members, hasMore }) => this.publish({ members, hasMore, loading: false }),
        () => this.publish({ members: [], hasMore: false, loading: false }),
      );
  }

  stop() {
    this.live.tell({ type: 'groupMembers.unobserve', queryId: this.queryId });
  }

  reset() {
    this.publish({ members: [], hasMore: true, loading: true });
  }

  override handle(event: ServerEvent) {
    const state = this.value;
    if (event.type === 'groupMembers' && event.queryId === this.queryId) {
      const members = [...state.members.filter((user) => !event.removed.includes(user.id)), ...event.added];
      this.publish({ ...state, members });
    } else if (event.type === 'user' && state.members.some((user) => user.id === event.user.id)) {
      this.publish({ ...state, members: state.members.map((user) => (user.id === event.user.id ? event.user : user)) });
    }
  }

  async fetchMore(count: number) {
    if (!this.value.hasMore) return;
    const page = await this.live.request({ type: 'groupMembers.more', queryId: this.queryId, count });
    const state = this.value;
    this.publish({ members: [...state.members, ...page.members], hasMore: page.hasMore, loading: false });
  }
}

/** Who is (or was) at a location. undefined until the first answer. */
export class PresenceQuery extends LiveQuery<PresenceView[] | undefined> {
  private readonly watchId: string;

  constructor(
    live: LiveData,
    key: string,
    private readonly location: CordLocation,
    private readonly groupId: string | undefined,
    private readonly exactMatch = false,
  ) {
    super(live, key, undefined);
    this.watchId = live.queryId();
  }

  /** The one key for a watch, so every element and API call watching it shares it. */
  static key(location: CordLocation, groupId: string | undefined, exactMatch = false) {
    return `presence\n${groupId ?? ''}\n${exactMatch ? 'exact\n' : ''}${locationKey(location)}`;
  }

  start() {
    const { watchId, location, groupId, exactMatch } = this;
    this.live.request({ type: 'presence.watch', watchId, location, groupId, ...(exactMatch && { exactMatch }) }).then(
      ({ users }) => {
        this.live.remember(users.map((entry) => entry.user));
        this.publish(users);
      },
      () => {},
    );
  }

  stop() {
    this.live.tell({ type: 'presence.unwatch', watchId: this.watchId });
  }

  reset() {
    this.publish(undefined);
  }

  override handle(event: ServerEvent) {
    if (event.type === 'presence' && event.watchId === this.watchId) this.publish(event.users);
  }
}
