import { PRESENCE_REFRESH_MS } from '../../protocol/limits.ts';
import type { CordLocation } from '../../protocol/location.ts';
import type { RequestBody } from '../../protocol/requests.ts';
import type { MessageView, PresenceView, ServerEvent, ThreadView, UserView, ViewerView } from '../../protocol/views.ts';
import { Connection } from '../transport/connection.ts';

export interface LocalMessage extends MessageView {
  /** Sent, not yet confirmed by the server. */
  pending?: boolean;
}

export interface ThreadState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  /** Null until the thread's first message creates it. */
  groupId: string | null;
  resolvedAt: number | null;
  typing: UserView[];
  messages: Map<string, LocalMessage>;
}

interface PresenceClaim {
  location: CordLocation;
  durable: boolean;
  groupId: string | undefined;
  present: boolean;
}

/**
 * What the elements know: who is signed in, the threads they show and the presence
 * they watch. Elements read it and re-render when it calls their listener; they change
 * it only through the methods here, which talk to local Cord.
 */
export class LocalCordClient {
  viewer: ViewerView | null = null;
  private connection: Connection | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly threads = new Map<string, { state: ThreadState; groupId: string | undefined; users: number }>();
  private readonly watches = new Map<
    string,
    { location: CordLocation; groupId: string | undefined; users: PresenceView[] }
  >();
  private readonly claims = new Map<string, PresenceClaim>();
  private refreshTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly socketUrl: string) {}

  connect(token: string, onRefused: (message: string) => void) {
    this.disconnect();
    this.connection = new Connection(this.socketUrl, token, {
      onWelcome: (viewer) => this.welcome(viewer),
      onEvent: (event) => this.receive(event),
      onRefused: (message) => {
        onRefused(message);
        this.notify();
      },
    });
    this.refreshTimer = setInterval(() => this.refreshPresence(), PRESENCE_REFRESH_MS);
  }

  refreshToken(token: string) {
    this.connection?.refreshToken(token);
  }

  /** Drops the connection and everything learnt through it (another user may follow). */
  disconnect() {
    this.connection?.stop();
    this.connection = undefined;
    clearInterval(this.refreshTimer);
    this.viewer = null;
    for (const thread of this.threads.values()) thread.state = emptyThread();
    for (const watch of this.watches.values()) watch.users = [];
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  // --- threads -------------------------------------------------------------------

  openThread(threadId: string, groupId: string | undefined) {
    const open = this.threads.get(threadId);
    if (open) {
      open.users++;
      return;
    }
    this.threads.set(threadId, { state: emptyThread(), groupId, users: 1 });
    if (this.viewer) this.loadThread(threadId);
  }

  closeThread(threadId: string) {
    const open = this.threads.get(threadId);
    if (!open || --open.users > 0) return;
    this.threads.delete(threadId);
    void this.send({ type: 'thread.close', threadId }).catch(ignore);
  }

  thread(threadId: string): ThreadState | undefined {
    return this.threads.get(threadId)?.state;
  }

  async sendMessage(
    threadId: string,
    text: string,
    about: { threadName: string; url: string; location: CordLocation },
  ) {
    const open = this.threads.get(threadId);
    const viewer = this.viewer;
    const messageId = crypto.randomUUID();
    if (open && viewer) {
      open.state.messages.set(messageId, {
        id: messageId,
        threadId,
        author: viewer.user,
        text,
        createdAt: Date.now(),
        editedAt: null,
        deletedAt: null,
        reactions: [],
        pending: true,
      });
      this.notify();
    }
    try {
      const { message } = await this.send<{ message: MessageView }>({
        type: 'message.send',
        threadId,
        messageId,
        text,
        groupId: open?.groupId,
        ...about,
      });
      this.upsertMessage(message);
      return message;
    } catch (error) {
      open?.state.messages.delete(messageId);
      this.notify();
      throw error;
    }
  }

  async editMessage(messageId: string, text: string) {
    this.upsertMessage((await this.send<{ message: MessageView }>({ type: 'message.edit', messageId, text })).message);
  }

  async deleteMessage(messageId: string, deleted: boolean) {
    this.upsertMessage(
      (await this.send<{ message: MessageView }>({ type: 'message.delete', messageId, deleted })).message,
    );
  }

  async react(messageId: string, emoji: string, on: boolean) {
    this.upsertMessage(
      (await this.send<{ message: MessageView }>({ type: 'reaction.set', messageId, emoji, on })).message,
    );
  }

  async resolve(threadId: string, resolved: boolean) {
    const { resolvedAt } = await this.send<{ resolvedAt: number | null }>({
      type: 'thread.resolve',
      threadId,
      resolved,
    });
    const open = this.threads.get(threadId);
    if (open) open.state.resolvedAt = resolvedAt;
    this.notify();
  }

  setTyping(threadId: string, typing: boolean) {
    if (this.viewer) void this.send({ type: 'typing', threadId, typing }).catch(ignore);
  }

  private loadThread(threadId: string) {
    const open = this.threads.get(threadId);
    if (!open) return;
    this.send<{ thread: ThreadView | null }>({ type: 'thread.open', threadId, groupId: open.groupId }).then(
      ({ thread }) => {
        const pending = [...open.state.messages.values()].filter((message) => message.pending);
        open.state = {
          ...emptyThread(),
          status: 'ready',
          groupId: thread?.groupId ?? null,
          resolvedAt: thread?.resolvedAt ?? null,
          typing: thread?.typing ?? [],
        };
        for (const message of [...(thread?.messages ?? []), ...pending]) {
          if (!open.state.messages.has(message.id)) open.state.messages.set(message.id, message);
        }
        this.notify();
      },
      (error: Error) => {
        console.warn(`Cord: thread ${threadId} cannot be shown: ${error.message}`);
        open.state = { ...emptyThread(), status: 'error', error: error.message };
        this.notify();
      },
    );
  }

  private upsertMessage(message: MessageView) {
    const open = this.threads.get(message.threadId);
    if (!open) return;
    open.state.messages.set(message.id, message);
    // A thread created by this message lives in the group it was sent to.
    open.state.groupId ??= open.groupId ?? this.viewer?.groupId ?? null;
    this.notify();
  }

  // --- presence ------------------------------------------------------------------

  watchPresence(watchId: string, location: CordLocation, groupId: string | undefined) {
    this.watches.set(watchId, { location, groupId, users: [] });
    if (this.viewer) this.loadPresence(watchId);
  }

  unwatchPresence(watchId: string) {
    this.watches.delete(watchId);
    if (this.viewer) void this.send({ type: 'presence.unwatch', watchId }).catch(ignore);
  }

  presence(watchId: string): PresenceView[] {
    return this.watches.get(watchId)?.users ?? [];
  }

  /** Says whether the viewer is at a location; kept and refreshed until said otherwise. */
  setPresence(claimId: string, claim: PresenceClaim) {
    this.claims.set(claimId, claim);
    if (this.viewer) this.sendPresence(claim);
    if (!claim.present) this.claims.delete(claimId);
  }

  private sendPresence({ location, present, durable, groupId }: PresenceClaim) {
    void this.send({ type: 'presence.set', location, present, durable, groupId }).catch(ignore);
  }

  private refreshPresence() {
    if (!this.viewer) return;
    for (const claim of this.claims.values()) if (claim.present) this.sendPresence(claim);
  }

  private loadPresence(watchId: string) {
    const watch = this.watches.get(watchId);
    if (!watch) return;
    this.send<{ users: PresenceView[] }>({
      type: 'presence.watch',
      watchId,
      location: watch.location,
      groupId: watch.groupId,
    }).then(({ users }) => {
      watch.users = users;
      this.notify();
    }, ignore);
  }

  // --- the connection --------------------------------------------------------------

  private send<T>(body: RequestBody): Promise<T> {
    if (!this.connection) return Promise.reject(new Error('Cord is not signed in.'));
    return this.connection.request<T>(body);
  }

  private welcome(viewer: ViewerView) {
    this.viewer = viewer;
    for (const threadId of this.threads.keys()) this.loadThread(threadId);
    for (const watchId of this.watches.keys()) this.loadPresence(watchId);
    this.refreshPresence();
    this.notify();
  }

  private receive(event: ServerEvent) {
    if (event.type === 'message') {
      this.upsertMessage(event.message);
    } else if (event.type === 'thread') {
      const open = this.threads.get(event.threadId);
      if (!open) return;
      open.state.resolvedAt = event.resolvedAt;
      open.state.typing = event.typing;
      this.notify();
    } else if (event.type === 'presence') {
      const watch = this.watches.get(event.watchId);
      if (!watch) return;
      watch.users = event.users;
      this.notify();
    }
  }

  /** Whether this user is the one signed in here. */
  isViewer(user: UserView): boolean {
    return this.viewer?.user.id === user.id;
  }
}

function emptyThread(): ThreadState {
  return { status: 'loading', groupId: null, resolvedAt: null, typing: [], messages: new Map() };
}

function ignore() {}
