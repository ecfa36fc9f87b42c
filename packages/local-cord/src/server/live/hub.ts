import type { ServerEvent } from '../../protocol/events.ts';
import { MAX_PRESENT_LOCATIONS, TYPING_LAPSE_MS } from '../../protocol/limits.ts';
import { type CordLocation, locationKey, matchesLocation } from '../../protocol/location.ts';
import { matchesThreadFilter } from '../../protocol/threadFilter.ts';
import type { PresenceView, ThreadCountsData, ThreadData, UserData } from '../../protocol/views.ts';
import type { MessageRecord, PresencePlace, Store, ThreadRecord } from '../../store/store.ts';
import {
  messageData,
  type ThreadSnapshot,
  threadData,
  threadSnapshot,
  usersOfMessages,
  usersOfThread,
} from '../views/threadViews.ts';
import { userData, viewerData } from '../views/userData.ts';
import { refreshNotifications } from './notificationLists.ts';
import { inPresenceOrder, presenceAt, watchedLocation } from './presence.ts';
import { RequestError } from './requestError.ts';
import { type PresenceSpot, type PresenceWatch, rememberUsers, type Subscriber } from './subscriber.ts';
import { threadCounts } from './threadQueries.ts';

function sameCounts(a: ThreadCountsData, b: ThreadCountsData): boolean {
  return (Object.keys(a) as Array<keyof ThreadCountsData>).every((key) => a[key] === b[key]);
}

/** The refusal of one place too many; `leave` is how the caller's API says a user left (`present: false`). */
const tooManyPlaces = (leave: string) =>
  `A user may be present at most at ${MAX_PRESENT_LOCATIONS} locations at once: ` +
  `leave one first (${leave}), or move with exclusiveWithin.`;

/** Each presence entry's JSON, written once however many watches compare it. */
const fingerprints = new WeakMap<PresenceView, string>();
function fingerprint(entry: PresenceView | undefined): string {
  if (!entry) return '';
  let text = fingerprints.get(entry);
  if (text === undefined) {
    text = JSON.stringify(entry);
    fingerprints.set(entry, text);
  }
  return text;
}

export function spotKey(spot: PresenceSpot): string {
  return `${spot.groupId}\n${locationKey(spot.location)}`;
}

/**
 * Who is connected and what each one observes. Every change is pushed to exactly the
 * connections whose observations it touches, and only while their user is in the group
 * it belongs to (checked at each delivery), already merged into the data they are sent.
 */
export class Hub {
  private readonly subscribers = new Set<Subscriber>();
  /** The same connections by user. */
  private readonly byUser = new Map<string, Set<Subscriber>>();
  /** threadId -> userId -> when their typing indicator lapses. */
  private readonly typing = new Map<string, Map<string, number>>();

  constructor(private readonly store: Store) {}

  add(subscriber: Subscriber) {
    this.subscribers.add(subscriber);
    const { userId } = subscriber.viewer;
    const mine = this.byUser.get(userId) ?? new Set();
    mine.add(subscriber);
    this.byUser.set(userId, mine);
  }

  /** Forgets a connection; its user leaves every place only it kept them present in. */
  remove(subscriber: Subscriber) {
    this.forget(subscriber);
    for (const [key, spot] of subscriber.presentAt) {
      if (!this.isPresentElsewhere(subscriber, key)) {
        this.leave(subscriber.viewer.userId, spot, spot.durable ? Date.now() : undefined);
      }
    }
  }

  private forget(subscriber: Subscriber) {
    this.subscribers.delete(subscriber);
    const mine = this.byUser.get(subscriber.viewer.userId);
    mine?.delete(subscriber);
    if (mine?.size === 0) this.byUser.delete(subscriber.viewer.userId);
  }

  /** The user's connections. */
  connectionsOf(userId: string): ReadonlySet<Subscriber> {
    return this.byUser.get(userId) ?? new Set();
  }

  get size() {
    return this.subscribers.size;
  }

  /** Sends an event that refers to users, and remembers that the connection knows them. */
  private sendWithUsers(subscriber: Subscriber, event: ServerEvent & { users: UserData[] }) {
    rememberUsers(subscriber, event.users);
    subscriber.send(event);
  }

  // --- threads and messages --------------------------------------------------------

  /** Who is typing in a thread now. */
  typingIn(threadId: string): string[] {
    return [...(this.typing.get(threadId)?.keys() ?? [])];
  }

  snapshot(thread: ThreadRecord): ThreadSnapshot {
    return threadSnapshot(this.store, thread, this.typingIn(thread.id));
  }

  /**
   * A thread changed: every connection observing it, alone or in a list it belongs to
   * (or belonged to), gets it as its user sees it now; counts over it are sent again.
   */
  publishThread(thread: ThreadRecord) {
    const snapshot = this.snapshot(thread);
    const users = usersOfThread(this.store, snapshot);
    const perViewer = new Map<string, ThreadData>();
    for (const subscriber of this.subscribers) {
      const { userId } = subscriber.viewer;
      if (!this.store.groups.isMember(thread.groupId, userId)) continue;
      let data = perViewer.get(userId);
      const view = () => {
        data ??= threadData(snapshot, userId);
        perViewer.set(userId, data);
        return data;
      };
      let wanted = this.showsThread(subscriber, thread);
      for (const list of subscriber.threadLists.values()) {
        if (!list.scope.includes(thread.groupId)) continue;
        const shown = view();
        const matches = matchesThreadFilter(
          {
            ...shown,
            subscribed: shown.subscribers.includes(userId),
            mentioned: shown.mentioned.includes(userId),
          },
          list.filter,
        );
        if (matches || list.delivered.has(thread.id)) {
          list.delivered.add(thread.id);
          wanted = true;
        }
      }
      if (wanted) this.sendWithUsers(subscriber, { type: 'thread', thread: view(), users });
      this.sendCounts(subscriber, thread.groupId);
    }
  }

  /** Sends the connection's thread counts over a group again (over the groups its user is in now), those that changed. */
  private sendCounts(subscriber: Subscriber, groupId: string) {
    const { userId } = subscriber.viewer;
    for (const [queryId, query] of subscriber.threadCounts) {
      if (!query.scope.includes(groupId)) continue;
      const scope = query.scope.filter((member) => this.store.groups.isMember(member, userId));
      const counts = threadCounts(this.store, userId, scope, query.filter);
      if (sameCounts(counts, query.sent)) continue;
      query.sent = counts;
      subscriber.send({ type: 'threadCounts', queryId, counts });
    }
  }

  /**
   * A thread left `groupId`: deleted (with the messages given), or moved to another group.
   * Connections that showed it there lose it, and the messages of it they observed, unless
   * `keeps` says they can still see it; counts over the group are sent again. Only the
   * group's `members` (by default, as they are now) are told of messages they observed by id.
   */
  removeThread(
    threadId: string,
    groupId: string,
    messageIds: readonly string[],
    keeps = (_: Subscriber) => false,
    members: ReadonlySet<string> = new Set(this.store.groups.memberIds(groupId)),
  ) {
    for (const subscriber of this.subscribers) {
      let showed = subscriber.threads.get(threadId)?.includes(groupId) ?? false;
      for (const list of subscriber.threadLists.values()) {
        if (list.scope.includes(groupId) && list.delivered.has(threadId)) {
          showed = true;
          if (!keeps(subscriber)) list.delivered.delete(threadId);
        }
      }
      if (!keeps(subscriber)) {
        if (showed) subscriber.send({ type: 'threadGone', threadId });
        // Anyone may observe any message id: only the group's members learn that it existed.
        for (const messageId of members.has(subscriber.viewer.userId) ? messageIds : []) {
          if (subscriber.messages.has(messageId)) subscriber.send({ type: 'messageGone', threadId, messageId });
        }
      }
      this.sendCounts(subscriber, groupId);
    }
  }

  /** A message was deleted for good: observers of it and of its thread lose it, then get the thread. */
  removeMessage(thread: ThreadRecord, messageId: string) {
    for (const subscriber of this.subscribers) {
      const showsThread = this.showsThread(subscriber, thread);
      const observes = showsThread || subscriber.messages.has(messageId);
      if (!observes || !this.store.groups.isMember(thread.groupId, subscriber.viewer.userId)) continue;
      subscriber.send({
        type: 'messageGone',
        threadId: thread.id,
        messageId,
        ...(showsThread && { threadFollows: true }),
      });
    }
    this.publishThread(thread);
  }

  /** Whether the connection observes the thread itself (publishThread then always sends it). */
  private showsThread(subscriber: Subscriber, thread: ThreadRecord): boolean {
    return subscriber.threads.get(thread.id)?.includes(thread.groupId) ?? false;
  }

  /** A message changed: observers of it and of its thread get it, then the thread itself. */
  publishMessage(thread: ThreadRecord, message: MessageRecord) {
    const participants = this.store.participants.inThread(thread.id);
    const users = usersOfMessages(this.store, [message]);
    for (const subscriber of this.subscribers) {
      const showsThread = this.showsThread(subscriber, thread);
      const observes = showsThread || subscriber.messages.has(message.id);
      if (!observes || !this.store.groups.isMember(thread.groupId, subscriber.viewer.userId)) continue;
      const data = messageData(message, thread, participants, subscriber.viewer.userId);
      this.sendWithUsers(subscriber, {
        type: 'message',
        message: data,
        users,
        ...(showsThread && { threadFollows: true }),
      });
    }
    this.publishThread(thread);
  }

  /**
   * Marks a user typing in a thread (for TYPING_LAPSE_MS unless refreshed) or not; the
   * thread is published when who is typing changes.
   */
  setTyping(thread: ThreadRecord, userId: string, typing: boolean, now = Date.now()) {
    const users = this.typing.get(thread.id) ?? new Map<string, number>();
    const changed = typing ? !users.has(userId) : users.delete(userId);
    if (typing) users.set(userId, now + TYPING_LAPSE_MS);
    if (users.size > 0) this.typing.set(thread.id, users);
    else this.typing.delete(thread.id);
    if (changed) this.publishThread(thread);
  }

  /** Nobody is typing in the thread any more. */
  clearTyping(thread: ThreadRecord) {
    if (!this.typing.delete(thread.id)) return;
    this.publishThread(thread);
  }

  // --- users and groups --------------------------------------------------------------

  /**
   * Signs out every connection of a user about to be deleted. They leave the hub at once,
   * without the goodbyes a closing connection says (its presence goes with the user).
   */
  disconnectUser(userId: string, reason: string) {
    for (const subscriber of this.connectionsOf(userId)) {
      this.forget(subscriber);
      subscriber.presentAt.clear();
      subscriber.end(reason);
    }
  }

  /** A user's profile changed: connections that know them get it; their own get their viewer data. */
  publishUser(userId: string) {
    const profile = this.store.users.profile(userId);
    if (!profile) return;
    const user = userData(profile);
    for (const subscriber of this.subscribers) {
      if (subscriber.viewer.userId === userId) this.sendViewer(subscriber);
      else if (subscriber.knownUsers.has(userId)) subscriber.send({ type: 'user', user });
    }
    this.publishPresence(
      this.store.presence
        .ofUserIn(userId, this.store.groups.groupIdsOf(userId))
        .map(({ groupId, location }) => ({ userId, groupId, location })),
    );
  }

  /** The user's own data changed (their preferences): every connection of theirs is told. */
  publishViewer(userId: string) {
    for (const subscriber of this.subscribers) {
      if (subscriber.viewer.userId === userId) this.sendViewer(subscriber);
    }
  }

  sendViewer(subscriber: Subscriber) {
    const { userId, groupId } = subscriber.viewer;
    const profile = this.store.users.profile(userId);
    if (profile) {
      subscriber.send({ type: 'viewer', viewer: viewerData(this.store, profile, groupId) });
    }
  }

  /**
   * Users joined or left a group: their viewer data changes, observers of the group's
   * members are told, and whoever left loses the group's threads (and notifications about
   * them) at once.
   */
  publishMembership(groupId: string, added: readonly string[], removed: readonly string[]) {
    const addedUsers = this.store.users.profiles(added).map(userData);
    for (const subscriber of this.subscribers) {
      const { userId } = subscriber.viewer;
      if (added.includes(userId) || removed.includes(userId)) this.sendViewer(subscriber);
      if (removed.includes(userId)) this.dropGroup(subscriber, groupId);
      for (const [queryId, query] of subscriber.groupMembers) {
        if (query.groupId !== groupId) continue;
        const gone = removed.filter((id) => query.delivered.includes(id));
        const joined = addedUsers.filter((user) => !query.delivered.includes(user.id));
        if (gone.length === 0 && joined.length === 0) continue;
        query.delivered.splice(0, query.delivered.length, ...query.delivered.filter((id) => !gone.includes(id)));
        query.delivered.push(...joined.map((user) => user.id));
        subscriber.send({ type: 'groupMembers', queryId, added: joined, removed: gone });
      }
    }
    // Notifications about the group's threads show only to its members.
    this.publishNotifications([...added, ...removed]);
  }

  /**
   * The connection's user is no longer in the group: it stops seeing the group's threads,
   * its counts and presence watches leave the group out, and its user is present there no more.
   */
  private dropGroup(subscriber: Subscriber, groupId: string) {
    this.sendCounts(subscriber, groupId);
    for (const [watchId, watch] of subscriber.presenceWatches) {
      if (!watch.groupIds.includes(groupId)) continue;
      watch.groupIds = watch.groupIds.filter((id) => id !== groupId);
      subscriber.send({ type: 'presence', watchId, users: this.answerWatch(watch) });
    }
    for (const [key, spot] of subscriber.presentAt) {
      if (spot.groupId !== groupId) continue;
      subscriber.presentAt.delete(key);
      this.leave(subscriber.viewer.userId, spot);
    }
    const gone = new Set<string>();
    for (const [threadId] of subscriber.threads) {
      if (this.store.threads.get(threadId)?.groupId === groupId) gone.add(threadId);
    }
    for (const list of subscriber.threadLists.values()) {
      for (const threadId of list.delivered) {
        if (this.store.threads.get(threadId)?.groupId === groupId) {
          list.delivered.delete(threadId);
          gone.add(threadId);
        }
      }
    }
    for (const threadId of gone) subscriber.send({ type: 'threadGone', threadId });
  }

  // --- notifications -------------------------------------------------------------

  /** Users' notifications changed: their connections' notification lists and counts are sent what changed. */
  publishNotifications(userIds: Iterable<string>) {
    for (const userId of new Set(userIds)) {
      refreshNotifications(this.store, userId, [...this.connectionsOf(userId)]);
    }
  }

  // --- presence ------------------------------------------------------------------

  /** A watch's whole answer, worked out afresh (and remembered as shown). */
  answerWatch(watch: PresenceWatch): PresenceView[] {
    const users = presenceAt(this.store.presence.visibleIn(watch.groupIds), watch.location, watch.exactMatch);
    watch.shown.clear();
    for (const entry of users) watch.shown.set(entry.user.id, entry);
    return users;
  }

  /**
   * The user is present at a spot. With `region` (Cord's `exclusive_within`) they leave, at
   * the same moment, every other spot of this connection's in the group within the region:
   * watchers hear of the move once, never of a moment with the user nowhere. A user already
   * at MAX_PRESENT_LOCATIONS places is refused a new one.
   */
  arrive(
    subscriber: Subscriber,
    spot: PresenceSpot,
    presentUntil: number,
    lastSeen: number | undefined,
    region?: CordLocation,
  ) {
    const { userId } = subscriber.viewer;
    const key = spotKey(spot);
    const leaving = region ? this.spotsWithin(subscriber, spot.groupId, region, key) : [];
    const wasPresent = subscriber.presentAt.has(key) || this.isPresentElsewhere(subscriber, key);
    if (!wasPresent && this.store.presence.presentCount(userId) - leaving.length >= MAX_PRESENT_LOCATIONS) {
      throw new RequestError('invalid_request', tooManyPlaces('present: false'));
    }
    for (const [leftKey, left] of leaving) {
      subscriber.presentAt.delete(leftKey);
      this.store.presence.set({ userId, ...left, presentUntil: null, lastSeen: left.durable ? Date.now() : undefined });
    }
    subscriber.presentAt.set(key, spot);
    this.store.presence.set({ userId, ...spot, presentUntil, lastSeen });
    if (!wasPresent || lastSeen !== undefined || leaving.length > 0) {
      this.publishPresence([spot, ...leaving.map(([, left]) => left)].map((place) => ({ userId, ...place })));
    }
  }

  depart(subscriber: Subscriber, spot: PresenceSpot, lastSeen: number | undefined) {
    const key = spotKey(spot);
    subscriber.presentAt.delete(key);
    if (!this.isPresentElsewhere(subscriber, key)) this.leave(subscriber.viewer.userId, spot, lastSeen);
  }

  private leave(userId: string, spot: PresenceSpot, lastSeen?: number) {
    this.store.presence.set({ userId, ...spot, presentUntil: null, lastSeen });
    this.publishPresence([{ userId, ...spot }]);
  }

  /**
   * The user is present at a spot because a customer's server said so (Cord's REST presence).
   * No connection keeps them there: unless said again, it lapses as a browser's does. With
   * `region` they leave, at the same moment, every other place in the group within it,
   * whoever put them there.
   */
  arriveByServer(userId: string, spot: PresenceSpot, presentUntil: number, region?: CordLocation, now = Date.now()) {
    const here = locationKey(spot.location);
    const present = this.store.presence.ofUserIn(userId, [spot.groupId], now).filter((row) => row.present);
    const wasPresent = present.some((row) => locationKey(row.location) === here);
    const leaving: PresenceSpot[] = region
      ? present
          .filter((row) => locationKey(row.location) !== here && matchesLocation(region, row.location))
          .map(({ groupId, location }) => ({ groupId, location }))
      : [];
    if (!wasPresent && this.store.presence.presentCount(userId, now) - leaving.length >= MAX_PRESENT_LOCATIONS) {
      throw new RequestError('invalid_request', tooManyPlaces('absent: true'));
    }
    for (const left of leaving) {
      this.releaseSpot(userId, left);
      this.store.presence.set({ userId, ...left, presentUntil: null });
    }
    this.store.presence.set({ userId, ...spot, presentUntil });
    if (!wasPresent || leaving.length > 0) {
      this.publishPresence([spot, ...leaving].map((place) => ({ userId, ...place })));
    }
  }

  /** A customer's server says the user has left a spot: they leave it, whichever connection kept them there. */
  departByServer(userId: string, spot: PresenceSpot, now = Date.now()) {
    const here = locationKey(spot.location);
    const rows = this.store.presence.ofUserIn(userId, [spot.groupId], now);
    if (!rows.some((row) => row.present && locationKey(row.location) === here)) return;
    this.releaseSpot(userId, spot);
    this.leave(userId, spot);
  }

  /** Cord's durable presence, from a browser or a customer's server: "last seen here" is now; being present is left as it is. */
  markSeen(userId: string, spot: PresenceSpot, now = Date.now()) {
    this.store.presence.markSeen({ userId, ...spot }, now);
    this.publishPresence([{ userId, ...spot }]);
  }

  /**
   * No connection of the user keeps them at the spot any more: the next time one says they
   * are there, they arrive again, and watchers are told.
   */
  private releaseSpot(userId: string, spot: PresenceSpot) {
    const key = spotKey(spot);
    for (const subscriber of this.connectionsOf(userId)) subscriber.presentAt.delete(key);
  }

  /** The connection's spots in a group within a region (but `keep`) that only it keeps its user at. */
  private spotsWithin(
    subscriber: Subscriber,
    groupId: string,
    region: CordLocation,
    keep: string,
  ): [string, PresenceSpot][] {
    return [...subscriber.presentAt].filter(
      ([key, spot]) =>
        key !== keep &&
        spot.groupId === groupId &&
        matchesLocation(region, spot.location) &&
        !this.isPresentElsewhere(subscriber, key),
    );
  }

  private isPresentElsewhere(subscriber: Subscriber, key: string) {
    for (const other of this.connectionsOf(subscriber.viewer.userId)) {
      if (other !== subscriber && other.presentAt.has(key)) return true;
    }
    return false;
  }

  /**
   * Users arrived or left places: every watch of one of them is sent its answer with those
   * users' entries worked out again, each from that user's own rows in the groups the
   * watcher is in now. Nothing else is recomputed, and a watch whose answer did not change
   * is not sent it.
   */
  publishPresence(places: readonly PresencePlace[]) {
    if (places.length === 0) return;
    // Everyone on one page watches the same thing: work each entry out once.
    const entries = new Map<string, PresenceView | undefined>();
    for (const subscriber of this.subscribers) {
      for (const [watchId, watch] of subscriber.presenceWatches) {
        const touched = places.filter(
          (place) =>
            watch.groupIds.includes(place.groupId) && watchedLocation(watch.location, place.location, watch.exactMatch),
        );
        if (touched.length === 0) continue;
        const scope = watch.groupIds.filter((groupId) => this.store.groups.isMember(groupId, subscriber.viewer.userId));
        let changed = false;
        for (const userId of new Set(touched.map((place) => place.userId))) {
          const key = JSON.stringify([userId, scope, watch.exactMatch === true, locationKey(watch.location)]);
          if (!entries.has(key)) {
            const rows = this.store.presence.ofUserIn(userId, scope);
            entries.set(key, presenceAt(rows, watch.location, watch.exactMatch)[0]);
          }
          const entry = entries.get(key);
          if (fingerprint(entry) === fingerprint(watch.shown.get(userId))) continue;
          changed = true;
          if (entry) watch.shown.set(userId, entry);
          else watch.shown.delete(userId);
        }
        if (changed) subscriber.send({ type: 'presence', watchId, users: inPresenceOrder(watch.shown.values()) });
      }
    }
  }

  /** Runs Cord's timeouts: lapsed presence (30 s without refresh) and stale typing. */
  sweep(now = Date.now()) {
    const lapsed = this.store.presence.lapse(now);
    for (const { userId, ...spot } of lapsed) this.releaseSpot(userId, spot);
    this.publishPresence(lapsed);
    for (const [threadId, users] of this.typing) {
      for (const [userId, until] of users) {
        if (until > now) continue;
        const thread = this.store.threads.get(threadId);
        if (thread) this.setTyping(thread, userId, false, now);
        else users.delete(userId);
      }
    }
  }
}
