import type {
  ICordPresenceSDK,
  ListenerRef,
  Location,
  ObservePresenceOptions,
  PresenceUpdateCallback,
  SetPresentOptions,
  UserLocationData,
} from '@cord-sdk/types';
import { matchesLocation, OUTSIDE_EXCLUSIVITY_REGION } from '../../protocol/location.ts';
import type { PresenceView } from '../../protocol/views.ts';
import type { LiveData } from '../data/liveData.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { Listeners } from './listeners.ts';
import { isFlatLocation } from './threadOptions.ts';

/** Cord's `CordSDK.presence`: say where the viewer is, see who is where. */
export class PresenceSDK implements ICordPresenceSDK {
  private readonly listeners = new Listeners();

  constructor(private readonly live: LiveData) {}

  async setPresent(location: Location, options: SetPresentOptions = {}): Promise<true> {
    if (!isFlatLocation(location)) throw new Error('Invalid location');
    if (options.absent && options.durable)
      throw new Error('Cannot set options.absent and options.durable at the same time.');
    const region = options.exclusive_within;
    if (region !== undefined && !isFlatLocation(region)) throw new Error('Invalid exclusive_within option');
    if (region && !matchesLocation(region, location)) throw new Error(OUTSIDE_EXCLUSIVITY_REGION);
    // As in Cord, a durable update only says when the viewer was last here: it does not
    // make them present (Cord's own components send both, the durable one now and then).
    if (options.durable) {
      await this.live.request({ type: 'presence.markSeen', location, groupId: options.groupID });
      return true;
    }
    // Local Cord leaves the viewer's other places within the region as it sets this one,
    // so watchers see a move, not a moment with the viewer nowhere.
    await this.live.request({
      type: 'presence.set',
      location,
      present: !options.absent,
      durable: false,
      groupId: options.groupID,
      exclusiveWithin: region,
    });
    return true;
  }

  observePresence(
    location: Location,
    callback: PresenceUpdateCallback,
    options: ObservePresenceOptions = {},
  ): ListenerRef {
    if (!isFlatLocation(location)) throw new Error('Supplied matcher is not a valid location');
    const query = presenceQuery(this.live, location, undefined, options.partial_match !== true);
    const excludeDurable = options.exclude_durable === true;
    // As Cord: a user this observer has seen stays in what it is told, with no locations
    // once they leave (LiveCursors removes a cursor on exactly that).
    const seen = new Set<string>();
    const deliver = () => {
      if (!query.value) return;
      const users = toUserLocations(query.value, location, excludeDurable, seen);
      for (const user of users) seen.add(user.id);
      callback(users);
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobservePresence(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeLocationData(location: Location, callback: PresenceUpdateCallback, options?: ObservePresenceOptions) {
    return this.observePresence(location, callback, options);
  }

  unobserveLocationData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }
}

/** Cord's UserLocationData from what local Cord reports of a location; users seen before stay, with no locations. */
function toUserLocations(
  presence: readonly PresenceView[],
  location: Location,
  excludeDurable: boolean,
  seenBefore: ReadonlySet<string>,
): UserLocationData[] {
  const listed = new Set<string>();
  const users = presence.flatMap(({ user, lastSeen, locations }) => {
    const durable = !excludeDurable && lastSeen !== null ? { location, timestamp: new Date(lastSeen) } : undefined;
    if (locations.length === 0 && !durable && !seenBefore.has(user.id)) return [];
    listed.add(user.id);
    return [{ id: user.id, ephemeral: { locations }, ...(durable && { durable }) }];
  });
  const gone = [...seenBefore].filter((id) => !listed.has(id)).map((id) => ({ id, ephemeral: { locations: [] } }));
  return [...users, ...gone];
}
