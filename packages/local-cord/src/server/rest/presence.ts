import { z } from 'zod';
import { externalIdText, locationSchema } from '../../protocol/fields.ts';
import { PRESENCE_LAPSE_MS } from '../../protocol/limits.ts';
import { matchesLocation } from '../../protocol/location.ts';
import { RequestError } from '../live/requestError.ts';
import { type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { cordBody, requireIdentifier } from './cordValidation.ts';

// Presence: PUT /v1/users/<id>/presence (Cord's ServerUpdatePresence), through the hub, so
// browsers watching the location see the user arrive or leave at once.

const updatePresenceBody = cordBody(
  'UpdateUserPresenceVariables',
  'presence',
  // In the order of Cord's schema, which is the order of its refusal's lines.
  z.strictObject({
    /** Deprecated in Cord; when given it is the group, whatever groupID says. */
    organizationID: externalIdText.optional(),
    exclusiveWithin: locationSchema.optional(),
    location: locationSchema,
    groupID: externalIdText.optional(),
    durable: z.boolean().optional(),
    absent: z.boolean().optional(),
  }),
);

// Cord's texts for presence it cannot set, sent as `invalid_request`.
const DURABLE_ABSENCE = 'Cannot remove durable presence';
const OUTSIDE_REGION = 'Cannot set a user present in a non-matching exclusivity region';

export const presenceRoutes: Route[] = [
  {
    method: 'PUT',
    path: 'users/:id/presence',
    handle({ store, hub }, request) {
      const userId = requireIdentifier(request.id, 'userID');
      const {
        location,
        groupID,
        organizationID,
        durable = false,
        absent = false,
        exclusiveWithin,
      } = updatePresenceBody.parse(request.body);
      const groupId = organizationID ?? groupID;
      if (!store.users.exists(userId)) throw cordError('user_not_found');
      // Cord's schema leaves groupID optional, yet presence is only ever set within a group.
      if (groupId === undefined)
        throw cordError('invalid_request', 'groupID is required: the group in which the user is present.');
      if (!store.groups.exists(groupId)) throw cordError('organization_not_found');
      if (!store.groups.isMember(groupId, userId)) throw cordError('user_not_in_organization');
      if (absent && durable) throw cordError('invalid_request', DURABLE_ABSENCE);

      const spot = { groupId, location, durable };
      if (durable) hub.markSeen(userId, spot);
      else if (absent) hub.departByServer(userId, spot);
      else {
        if (exclusiveWithin && !matchesLocation(exclusiveWithin, location)) {
          throw cordError('invalid_request', OUTSIDE_REGION);
        }
        try {
          hub.arriveByServer(userId, spot, Date.now() + PRESENCE_LAPSE_MS, exclusiveWithin);
        } catch (error) {
          if (error instanceof RequestError) throw cordError('invalid_request', error.message);
          throw error;
        }
      }
      return success(`✅ You successfully updated user ${userId} presence`);
    },
  },
];
