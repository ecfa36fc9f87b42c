import { TYPING_LAPSE_MS } from '../../protocol/limits.ts';
import { type CordLocation, locationKey, matchesLocation } from '../../protocol/location.ts';
import type { MessageView, PresenceView, ServerEvent, UserView } from '../../protocol/views.ts';
import type { Store, ThreadRecord } from '../../store/store.ts';
import { presenceAt } from './presence.ts';
import type { Viewer } from './session.ts';

/** Someone watching presence at a location, in the groups they could see when they asked. */
export interface PresenceWatch {
  location: CordLocation;
  groupIds: readonly string[];
}

/** Where a connection says its user is present. */
export interface PresenceSpot {
  groupId: string;
  location: CordLocation;
  /** Durable presence: leaving, even by closing the socket, writes "last seen here". */
  durable?: boolean | undefined;
}

/** One signed-in browser connection, as the hub sees it: who, and what it is subscribed to. */
export interface Subscriber {
  readonly viewer: Viewer;
  send(event: ServerEvent): void;
  readonly openThreads: Set<string>;
  readonly presenceWatches: Map<string, PresenceWatch>;
  /** Where this connection last said its user is present, by spotKey. */
  readonly presentAt: Map<string, PresenceSpot>;
}

export function spotKey(spot: PresenceSpot): string {
  return `${spot.groupId}\n${locationKey(spot.location)}`;
}

/**
 * Who is connected and what each one watches; it pushes every change to exactly the
 * subscribers allowed to see it (members of the thread's or presence's group).
 */
export class Hub {
  private readonly subscribers = new Set<Subscriber>();
  /** threadId -> userId -> when their typing indicator lapses. */
  private readonly typing = new Map<string, Map<string, number>>();

  constructor(private readonly store: Store) {}

  add(subscriber: Subscriber) {
    this.subscribers.add(subscriber);
  }

  /** Forgets a connection; its user leaves every place only it kept them present in. */
  remove(subscriber: Subscriber) {
    this.subscribers.delete(subscriber);
    for (const [key, spot] of subscriber.presentAt) {
      if (!this.isPresentElsewhere(subscriber, key)) {
        this.leave(subscriber.viewer.userId, spot, spot.durable ? Date.now() : undefined);
      }
    }
  }

  get size() {
    return this.subscribers.size;
  }

  // --- threads -------------------------------------------------------------------

  /** Sends a message, as it is now, to everyone who has its thread open. */
  publishMessage(thread: ThreadRecord, message: MessageView) {
    this.sendToThread(thread, { type: 'message', message });
  }

  /** Sends a thread's state (resolved, who is typing) to everyone who has it open. */
  publishThread(thread: ThreadRecord) {
    this.sendToThread(thread, {
      type: 'thread',
      threadId: thread.id,
      resolvedAt: thread.resolvedAt,
      typing: this.typingIn(thread.id),
    });
  }

  typingIn(threadId: string): UserView[] {
    return [...(this.typing.get(threadId)?.keys() ?? [])].flatMap((userId) => this.store.users.view(userId) ?? []);
  }

  setTyping(thread: ThreadRecord, userId: string, typing: boolean, now = Date.now()) {
    const users = this.typing.get(thread.id) ?? new Map<string, number>();
    const changed = typing ? !users.has(userId) : users.delete(userId);
    if (typing) users.set(userId, now + TYPING_LAPSE_MS);
    if (users.size > 0) this.typing.set(thread.id, users);
    else this.typing.delete(thread.id);
    if (changed) this.publishThread(thread);
  }

  private sendToThread(thread: ThreadRecord, event: ServerEvent) {
    for (const subscriber of this.subscribers) {
      if (
        subscriber.openThreads.has(thread.id) &&
        this.store.groups.isMember(thread.groupId, subscriber.viewer.userId)
      ) {
        subscriber.send(event);
      }
    }
  }

  // --- presence ------------------------------------------------------------------

  presenceFor(watch: PresenceWatch) {
    return presenceAt(this.store.presence.visibleIn(watch.groupIds), watch.location);
  }

  arrive(subscriber: Subscriber, spot: PresenceSpot, presentUntil: number, lastSeen: number | undefined) {
    const key = spotKey(spot);
    const wasPresent = subscriber.presentAt.has(key) || this.isPresentElsewhere(subscriber, key);
    subscriber.presentAt.set(key, spot);
    this.store.presence.set({ userId: subscriber.viewer.userId, ...spot, presentUntil, lastSeen });
    if (!wasPresent || lastSeen !== undefined) this.publishPresence(spot);
  }

  depart(subscriber: Subscriber, spot: PresenceSpot, lastSeen: number | undefined) {
    const key = spotKey(spot);
    subscriber.presentAt.delete(key);
    if (!this.isPresentElsewhere(subscriber, key)) this.leave(subscriber.viewer.userId, spot, lastSeen);
  }

  private leave(userId: string, spot: PresenceSpot, lastSeen?: number) {
    this.store.presence.set({ userId, ...spot, presentUntil: null, lastSeen });
    this.publishPresence(spot);
  }

  private isPresentElsewhere(subscriber: Subscriber, key: string) {
    for (const other of this.subscribers) {
      if (other !== subscriber && other.viewer.userId === subscriber.viewer.userId && other.presentAt.has(key)) {
        return true;
      }
    }
    return false;
  }

  publishPresence(spot: PresenceSpot) {
    // Everyone on one page watches the same thing: work each answer out once.
    const answers = new Map<string, PresenceView[]>();
    for (const subscriber of this.subscribers) {
      for (const [watchId, watch] of subscriber.presenceWatches) {
        if (!watch.groupIds.includes(spot.groupId) || !matchesLocation(watch.location, spot.location)) continue;
        const key = `${watch.groupIds.join('\n')}\n${locationKey(watch.location)}`;
        let users = answers.get(key);
        if (!users) {
          users = this.presenceFor(watch);
          answers.set(key, users);
        }
        subscriber.send({ type: 'presence', watchId, users });
      }
    }
  }

  /** Runs Cord's timeouts: lapsed presence (30 s without refresh) and stale typing. */
  sweep(now = Date.now()) {
    const lapsed = new Map<string, PresenceSpot>();
    for (const { userId, ...spot } of this.store.presence.lapse(now)) {
      const key = spotKey(spot);
      for (const subscriber of this.subscribers) {
        if (subscriber.viewer.userId === userId) subscriber.presentAt.delete(key);
      }
      lapsed.set(key, spot);
    }
    for (const spot of lapsed.values()) this.publishPresence(spot);
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
