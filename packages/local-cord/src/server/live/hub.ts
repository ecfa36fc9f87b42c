import { TYPING_LAPSE_MS } from '../protocol/limits.ts';
import type { CordLocation, PresenceView, ServerEvent, UserView } from '../protocol/views.ts';
import { canonicalLocation, type Store, type ThreadRow } from '../store/store.ts';
import { matchesLocation, presenceAt } from './presence.ts';
import type { Viewer } from './session.ts';

export interface PresenceWatch {
  location: CordLocation;
  groupIds: readonly string[];
}

export interface PresenceSpot {
  groupId: string;
  location: CordLocation;
  /** Durable presence: leaving, even by closing the socket, writes "last seen here". */
  durable?: boolean | undefined;
}

/** One signed-in browser connection, as the hub sees it. */
export interface Client {
  readonly viewer: Viewer;
  send(event: ServerEvent): void;
  readonly openThreads: Set<string>;
  readonly presenceWatches: Map<string, PresenceWatch>;
  /** Where this connection last said its user is present, by canonical key. */
  readonly presentAt: Map<string, PresenceSpot>;
}

export function spotKey(spot: PresenceSpot): string {
  return `${spot.groupId}\n${canonicalLocation(spot.location)}`;
}

/**
 * Who is connected and what each one watches; it pushes every change to exactly the
 * connections allowed to see it (members of the thread's or presence's group).
 */
export class Hub {
  private readonly clients = new Set<Client>();
  /** threadId -> userId -> when their typing indicator lapses. */
  private readonly typing = new Map<string, Map<string, number>>();

  constructor(private readonly store: Store) {}

  add(client: Client) {
    this.clients.add(client);
  }

  /** Forgets a connection; its user leaves every place only it kept them present in. */
  remove(client: Client) {
    this.clients.delete(client);
    for (const [key, spot] of client.presentAt) {
      if (!this.isPresentElsewhere(client, key)) {
        this.leave(client.viewer.userId, spot, spot.durable ? Date.now() : undefined);
      }
    }
  }

  get size() {
    return this.clients.size;
  }

  // --- threads -------------------------------------------------------------------

  publishMessage(thread: ThreadRow, messageId: string) {
    const message = this.store.messageView(messageId);
    if (message) this.sendToThread(thread, { type: 'message', message });
  }

  publishThread(thread: ThreadRow) {
    this.sendToThread(thread, this.threadEvent(thread));
  }

  threadEvent(thread: ThreadRow): Extract<ServerEvent, { type: 'thread' }> {
    const fresh = this.store.thread(thread.id) ?? thread;
    return {
      type: 'thread',
      threadId: thread.id,
      resolvedAt: fresh.resolvedAt,
      typing: this.typingIn(thread.id),
    };
  }

  typingIn(threadId: string): UserView[] {
    return [...(this.typing.get(threadId)?.keys() ?? [])].flatMap((userId) => this.store.user(userId) ?? []);
  }

  setTyping(thread: ThreadRow, userId: string, typing: boolean, now = Date.now()) {
    const users = this.typing.get(thread.id) ?? new Map<string, number>();
    const changed = typing ? !users.has(userId) : users.delete(userId);
    if (typing) users.set(userId, now + TYPING_LAPSE_MS);
    if (users.size > 0) this.typing.set(thread.id, users);
    else this.typing.delete(thread.id);
    if (changed) this.publishThread(thread);
  }

  private sendToThread(thread: ThreadRow, event: ServerEvent) {
    for (const client of this.clients) {
      if (client.openThreads.has(thread.id) && this.store.isMember(thread.groupId, client.viewer.userId)) {
        client.send(event);
      }
    }
  }

  // --- presence ------------------------------------------------------------------

  presenceFor(watch: PresenceWatch) {
    return presenceAt(this.store.presenceIn(watch.groupIds), watch.location);
  }

  arrive(client: Client, spot: PresenceSpot, presentUntil: number, lastSeen: number | undefined) {
    const key = spotKey(spot);
    const wasPresent = client.presentAt.has(key) || this.isPresentElsewhere(client, key);
    client.presentAt.set(key, spot);
    this.store.setPresence({ userId: client.viewer.userId, ...spot, presentUntil, lastSeen });
    if (!wasPresent || lastSeen !== undefined) this.publishPresence(spot);
  }

  depart(client: Client, spot: PresenceSpot, lastSeen: number | undefined) {
    const key = spotKey(spot);
    client.presentAt.delete(key);
    if (!this.isPresentElsewhere(client, key)) this.leave(client.viewer.userId, spot, lastSeen);
  }

  private leave(userId: string, spot: PresenceSpot, lastSeen?: number) {
    this.store.setPresence({ userId, ...spot, presentUntil: null, lastSeen });
    this.publishPresence(spot);
  }

  private isPresentElsewhere(client: Client, key: string) {
    for (const other of this.clients) {
      if (other !== client && other.viewer.userId === client.viewer.userId && other.presentAt.has(key)) {
        return true;
      }
    }
    return false;
  }

  publishPresence(spot: PresenceSpot) {
    // Everyone on one page watches the same thing: work each answer out once.
    const answers = new Map<string, PresenceView[]>();
    for (const client of this.clients) {
      for (const [watchId, watch] of client.presenceWatches) {
        if (!watch.groupIds.includes(spot.groupId) || !matchesLocation(watch.location, spot.location)) continue;
        const key = `${watch.groupIds.join('\n')}\n${canonicalLocation(watch.location)}`;
        let users = answers.get(key);
        if (!users) {
          users = this.presenceFor(watch);
          answers.set(key, users);
        }
        client.send({ type: 'presence', watchId, users });
      }
    }
  }

  /** Runs Cord's timeouts: lapsed presence (30 s without refresh) and stale typing. */
  sweep(now = Date.now()) {
    const lapsed = new Map<string, PresenceSpot>();
    for (const { userId, ...spot } of this.store.lapsePresence(now)) {
      const key = spotKey(spot);
      for (const client of this.clients) {
        if (client.viewer.userId === userId) client.presentAt.delete(key);
      }
      lapsed.set(key, spot);
    }
    for (const spot of lapsed.values()) this.publishPresence(spot);
    for (const [threadId, users] of this.typing) {
      for (const [userId, until] of users) {
        if (until > now) continue;
        const thread = this.store.thread(threadId);
        if (thread) this.setTyping(thread, userId, false, now);
        else users.delete(userId);
      }
    }
  }
}
