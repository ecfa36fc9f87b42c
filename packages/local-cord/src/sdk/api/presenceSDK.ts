import type {
  ICordPresenceSDK,
  ListenerRef,
  Location,
  ObservePresenceOptions,
  PresenceUpdateCallback,
  SetPresentOptions,
  UserLocationData,
} from '@cord-sdk/types';
import { locationKey, matchesLocation } from '../../protocol/location.ts';
import type { PresenceView } from '../../protocol/views.ts';
import type { LiveData } from '../data/liveData.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { Listeners } from './listeners.ts';
import { isFlatLocation } from './threadOptions.ts';

/** Cord's `CordSDK.presence`: say where the viewer is, see who is where. */
export class PresenceSDK implements ICordPresenceSDK {
  private readonly listeners = new Listeners();
  /** Where the viewer was last set present in each exclusivity region, to leave it when they move. */
  private readonly exclusive = new Map<string, Location>();

  constructor(private readonly live: LiveData) {}

  async setPresent(location: Location, options: SetPresentOptions = {}): Promise<true> {
    if (!isFlatLocation(location)) throw new Error('Invalid location');
    if (options.absent && options.durable)
      throw new Error('Cannot set options.absent and options.durable at the same time.');
    const region = options.exclusive_within;
    if (region !== undefined && !isFlatLocation(region)) throw new Error('Invalid exclusive_within option');
    if (region && !matchesLocation(region, location)) {
      throw new Error('Cannot set a user present at a location not within the exclusivity region');
    }
    const groupId = options.groupID;
    const set = (at: Location, present: boolean, durable: boolean) =>
      this.live.request({ type: 'presence.set', location: at, present, durable, groupId });
    if (region) {
      const key = `${groupId ?? ''}\n${locationKey(region)}`;
      const previous = this.exclusive.get(key);
      if (options.absent) this.exclusive.delete(key);
      else this.exclusive.set(key, location);
      if (previous && locationKey(previous) !== locationKey(location)) await set(previous, false, false);
    }
    await set(location, !options.absent, options.durable === true);
    return true;
  }

  observePresence(
    location: Location,
    callback: PresenceUpdateCallback,
    options: ObservePresenceOptions = {},
  ): ListenerRef {
    if (!isFlatLocation(location)) throw new Error('Supplied matcher is not a valid location');
    const query = presenceQuery(this.live, location, undefined);
    const deliver = () => {
      if (query.value) callback(toUserLocations(query.value, location, options.exclude_durable === true));
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

/** Cord's UserLocationData from what local Cord reports of a location. */
function toUserLocations(
  presence: readonly PresenceView[],
  location: Location,
  excludeDurable: boolean,
): UserLocationData[] {
  return presence.flatMap(({ user, present, lastSeen }) => {
    const durable = !excludeDurable && lastSeen !== null ? { location, timestamp: new Date(lastSeen) } : undefined;
    if (!present && !durable) return [];
    return [{ id: user.id, ephemeral: { locations: present ? [location] : [] }, ...(durable && { durable }) }];
  });
}
