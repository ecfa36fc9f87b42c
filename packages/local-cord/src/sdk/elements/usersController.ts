import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UserData } from '../../protocol/views.ts';
import { userQuery } from '../data/sharedQueries.ts';
import type { UserQuery } from '../data/simpleQueries.ts';
import { live } from '../runtime.ts';

/**
 * Keeps an element told about the users it shows (by id): each is a UserQuery in the
 * page's data layer, shared with `CordSDK.user.observeUserData` and every other element
 * showing them, and live (a new name or picture re-renders the element).
 */
export class UsersController implements ReactiveController {
  private readonly watched = new Map<string, { query: UserQuery; stop: () => void }>();
  private connected = false;
  private wanted: readonly string[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The users to follow now; those no longer named are let go. */
  use(ids: readonly string[]) {
    this.wanted = ids;
    if (this.connected) this.sync();
  }

  /** undefined while loading, null when the viewer may not see them (or they do not exist). */
  get(id: string): UserData | null | undefined {
    return this.watched.get(id)?.query.value ?? live.user(id);
  }

  /** The users named, in order, leaving out those not (or not yet) known. */
  known(ids: readonly string[]): UserData[] {
    return ids.flatMap((id) => {
      const user = this.get(id);
      return user ? [user] : [];
    });
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
      const query = userQuery(live, id);
      this.watched.set(id, { query, stop: query.subscribe(() => this.host.requestUpdate()) });
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
