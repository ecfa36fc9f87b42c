import { DURABLE_PRESENCE_WRITE_MS, PRESENCE_LAPSE_MS } from '../../../protocol/limits.ts';
import { matchesLocation, OUTSIDE_EXCLUSIVITY_REGION } from '../../../protocol/location.ts';
import { RequestError } from '../requestError.ts';
import { readScope, writeGroup } from '../scope.ts';
import type { PresenceSpot } from '../subscriber.ts';
import type { Handlers } from './context.ts';

const NO_GROUP = 'Must specify a group ID when setting presence to control who can see it';

type PresenceRequest = 'presence.watch' | 'presence.unwatch' | 'presence.set' | 'presence.markSeen';

export const presenceHandlers: Handlers<PresenceRequest> = {
  'presence.watch'({ store, hub, subscriber }, { watchId, location, groupId, exactMatch }) {
    const watch = { location, groupIds: readScope(store, subscriber.viewer, groupId), exactMatch, shown: new Map() };
    subscriber.presenceWatches.set(watchId, watch);
    return { users: hub.answerWatch(watch) };
  },

  'presence.unwatch'({ subscriber }, { watchId }) {
    subscriber.presenceWatches.delete(watchId);
    return {};
  },

  'presence.set'({ store, hub, subscriber }, { location, present, durable, groupId, exclusiveWithin }) {
    if (exclusiveWithin && !matchesLocation(exclusiveWithin, location)) {
      throw new RequestError('invalid_request', OUTSIDE_EXCLUSIVITY_REGION);
    }
    const spot: PresenceSpot = { groupId: writeGroup(store, subscriber.viewer, groupId, NO_GROUP), location, durable };
    const now = Date.now();
    // Durable "last seen here" is written on leaving and at most once a minute meanwhile.
    const lastWritten = store.presence.lastSeen({ userId: subscriber.viewer.userId, ...spot });
    const writeLastSeen =
      durable && (!present || lastWritten === null || now - lastWritten >= DURABLE_PRESENCE_WRITE_MS);
    const lastSeen = writeLastSeen ? now : undefined;
    if (present) hub.arrive(subscriber, spot, now + PRESENCE_LAPSE_MS, lastSeen, exclusiveWithin);
    else hub.depart(subscriber, spot, lastSeen);
    return {};
  },

  'presence.markSeen'({ store, hub, subscriber }, { location, groupId }) {
    hub.markSeen(subscriber.viewer.userId, {
      groupId: writeGroup(store, subscriber.viewer, groupId, NO_GROUP),
      location,
    });
    return {};
  },
};
