import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UserData } from '../../protocol/views.ts';
import type { LiveQuery } from '../data/liveQuery.ts';
import { userQuery } from '../data/sharedQueries.ts';
import { live } from '../runtime.ts';

/**
 * Keeps an element told about several things it shows by id (the users of a facepile, the
 * expanded threads of a comments section): each is the page's shared query for it, followed
 * while the element is on the page and named.
 */
export class QuerySetController<V> implements ReactiveController {
  private readonly watched = new Map<string, { query: LiveQuery<V>; stop: () => void }>();
  private wanted: readonly string[] = [];
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly queryFor: (id: string) => LiveQuery<V>,
    /** Told which one changed; re-renders the element unless given. */
    private readonly changed: (id: string) => void = () => host.requestUpdate(),
  ) {
    host.addController(this);
  }

  /** The ids to follow now; those no longer named are let go. */
  use(ids: readonly string[]) {
    this.wanted = ids;
    if (this.connected) this.sync();
  }

  get(id: string): V | undefined {
    return this.watched.get(id)?.query.value;
  }

  query(id: string): LiveQuery<V> | undefined {
    return this.watched.get(id)?.query;
  }

  private sync() {
    const wanted = new Set(this.wanted);
    for (const [id, { stop }] of this.watched) {
      if (wanted.has(id)) continue;
      stop();
      this.watched.delete(id);
    }
    for (const id of wanted) {
      if (this.watched.has(id)) continue;
      const query = this.queryFor(id);
      this.watched.set(id, { query, stop: query.subscribe(() => this.changed(id)) });
    }
  }

  hostConnected() {
    this.connected = true;
    this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    for (const { stop } of this.watched.values()) stop();
    this.watched.clear();
  }
}

/** The users an element shows, live (a new name or picture re-renders it). */
export function usersController(host: ReactiveControllerHost) {
  return new QuerySetController<UserData | null | undefined>(host, (id) => userQuery(live, id));
}

/** The users named, in order, leaving out those not (or not yet) known to the viewer. */
export function knownUsers(users: QuerySetController<UserData | null | undefined>, ids: readonly string[]): UserData[] {
  return ids.flatMap((id) => {
    const user = users.get(id) ?? live.user(id);
    return user ? [user] : [];
  });
}
