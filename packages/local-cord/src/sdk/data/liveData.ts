import type { AnswerOf } from '../../protocol/answers.ts';
import type { ServerEvent } from '../../protocol/events.ts';
import { MAX_PAGE_SIZE, PRESENCE_REFRESH_MS } from '../../protocol/limits.ts';
import type { CordLocation } from '../../protocol/location.ts';
import type { RequestBody } from '../../protocol/requests.ts';
import type { UserData, ViewerData } from '../../protocol/views.ts';
import { Connection } from '../transport/connection.ts';

type RequestType = RequestBody['type'];
export type BodyOf<T extends RequestType> = Extract<RequestBody, { type: T }>;

/** What the data layer needs of a query (a LiveQuery), whatever its value. */
export interface ActiveQuery {
  readonly key: string;
  start(): void;
  stop(): void;
  reset(): void;
  handle(event: ServerEvent): void;
}

/** Where the viewer says they are present, kept and refreshed until they say otherwise. */
export interface PresenceClaim {
  location: CordLocation;
  durable: boolean;
  groupId: string | undefined;
}

/**
 * The SDK's one data layer: the connection to local Cord, who is signed in, the users met
 * so far, and every live query (each observed once, whoever observes it). Elements, the
 * JavaScript API and React hooks are all observers of these queries.
 */
export class LiveData {
  viewer: ViewerData | null = null;
  private readonly users = new Map<string, UserData>();
  private readonly queries = new Map<string, ActiveQuery>();
  private readonly active = new Set<ActiveQuery>();
  private readonly viewerListeners = new Set<() => void>();
  private readonly userListeners = new Set<() => void>();
  private readonly claims = new Map<string, PresenceClaim>();
  private connection: Connection | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private nextQueryId = 0;
  private userBatch: Map<string, Array<(user: UserData | null) => void>> | undefined;

  constructor(private readonly socketUrl: string) {}

  // --- signing in and out -------------------------------------------------------------

  connect(token: string, onRefused: (message: string) => void) {
    this.disconnect();
    this.connection = new Connection(this.socketUrl, token, {
      onWelcome: (viewer) => this.welcome(viewer),
      onEvent: (event) => this.receive(event),
      onRefused: (message) => {
        onRefused(message);
        this.notifyViewer();
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
    this.users.clear();
    for (const query of this.queries.values()) query.reset();
    this.notifyViewer();
  }

  /** Calls back whenever who is signed in (or what they look like) changes. */
  onViewer(listener: () => void): () => void {
    this.viewerListeners.add(listener);
    return () => this.viewerListeners.delete(listener);
  }

  private notifyViewer() {
    for (const listener of [...this.viewerListeners]) listener();
  }

  private welcome(viewer: ViewerData) {
    this.viewer = viewer;
    this.notifyViewer();
    for (const query of this.active) query.start();
    this.refreshPresence();
  }

  // --- requests and events ------------------------------------------------------------

  /** Sends a request; rejects with local Cord's (Cord's) text when it is refused. */
  request<T extends RequestType>(body: BodyOf<T>): Promise<AnswerOf<T>> {
    if (!this.connection) return Promise.reject(new Error('Cord is not signed in.'));
    return this.connection.request<AnswerOf<T>>(body);
  }

  /** The page's session with local Cord while signed in: what HTTP requests to it (files) present. */
  get session(): string | undefined {
    return this.connection?.currentSession;
  }

  /** A URL on local Cord's own origin (where the WebSocket is), for what goes over HTTP. */
  serverUrl(path: string): string {
    const url = new URL(path, this.socketUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    return url.href;
  }

  /** Sends a request whose answer only matters to the server (e.g. unobserve). */
  tell<T extends RequestType>(body: BodyOf<T>) {
    if (this.viewer) this.request(body).catch(() => {});
  }

  private receive(event: ServerEvent) {
    if (event.type === 'viewer') {
      this.viewer = event.viewer;
      this.notifyViewer();
    }
    if (event.type === 'user') this.remember([event.user]);
    if (event.type === 'thread' || event.type === 'message') this.remember(event.users);
    if (event.type === 'presence') this.remember(event.users.map((entry) => entry.user));
    for (const query of this.active) query.handle(event);
  }

  // --- queries ------------------------------------------------------------------------

  /** The query under `key`, made by `create` the first time. */
  query<Q extends ActiveQuery>(key: string, create: () => Q): Q {
    let query = this.queries.get(key) as Q | undefined;
    if (!query) {
      query = create();
      this.queries.set(key, query);
    }
    return query;
  }

  /** A fresh id for a query the server tracks by id (lists, counts, member lists). */
  queryId(): string {
    return `q${++this.nextQueryId}`;
  }

  /** The queries with listeners now. */
  activeQueries(): ActiveQuery[] {
    return [...this.active];
  }

  activate(query: ActiveQuery) {
    this.active.add(query);
    if (this.viewer) query.start();
  }

  deactivate(query: ActiveQuery) {
    this.active.delete(query);
    this.queries.delete(query.key);
    if (this.viewer) query.stop();
  }

  // --- users --------------------------------------------------------------------------

  user(id: string): UserData | undefined {
    return this.users.get(id);
  }

  /**
   * Asks for a user the page has not met yet. Asks made in the same moment (a list of
   * avatars rendering) go to local Cord as one request.
   */
  loadUser(id: string): Promise<UserData | null> {
    return new Promise((resolve) => {
      if (!this.userBatch) {
        this.userBatch = new Map();
        queueMicrotask(() => this.flushUserBatch());
      }
      this.userBatch.set(id, [...(this.userBatch.get(id) ?? []), resolve]);
    });
  }

  private flushUserBatch() {
    const batch = this.userBatch ?? new Map<string, Array<(user: UserData | null) => void>>();
    this.userBatch = undefined;
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += MAX_PAGE_SIZE) {
      const chunk = ids.slice(start, start + MAX_PAGE_SIZE);
      const answer = (users: readonly UserData[]) => {
        for (const id of chunk)
          for (const resolve of batch.get(id) ?? []) resolve(users.find((user) => user.id === id) ?? null);
      };
      this.request({ type: 'users.observe', userIds: chunk }).then(
        ({ users }) => {
          this.remember(users);
          answer(users);
        },
        () => answer([]),
      );
    }
  }

  /** Keeps users that came with data, so their names can be shown without asking. */
  remember(users: readonly UserData[]) {
    let changed = false;
    for (const user of users) {
      const known = this.users.get(user.id);
      if (known && JSON.stringify(known) === JSON.stringify(user)) continue;
      this.users.set(user.id, user);
      changed = true;
    }
    if (changed) for (const listener of [...this.userListeners]) listener();
  }

  /** Calls back when a user's data arrives or changes (a new name, a new picture). */
  onUsers(listener: () => void): () => void {
    this.userListeners.add(listener);
    return () => this.userListeners.delete(listener);
  }

  // --- presence claims ------------------------------------------------------------------

  /** Says whether the viewer is at a location; a present claim is refreshed until withdrawn. */
  claimPresence(claimId: string, claim: PresenceClaim, present: boolean) {
    if (present) this.claims.set(claimId, claim);
    else this.claims.delete(claimId);
    this.tell({ type: 'presence.set', ...claim, present });
  }

  private refreshPresence() {
    for (const claim of this.claims.values()) this.tell({ type: 'presence.set', ...claim, present: true });
  }
}
