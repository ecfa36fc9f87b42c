import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { entityMetadata, externalIdString, extraClassnames, locationSchema, text, url } from '../../protocol/fields.ts';
import type { NotificationFilter } from '../../protocol/requests.ts';
import type { Store } from '../../store/store.ts';
import { templateNamesActor } from '../notifications/headers.ts';
import { visibleNotifications } from '../notifications/visibleNotifications.ts';
import { notificationData } from '../views/notificationViews.ts';
import { ApiError, invalidField, type Route, success } from './common.ts';
import { restNotification } from './cordShapes.ts';
import { cordBody, nullOr } from './cordValidation.ts';
import { parseFilter } from './listQuery.ts';

// Notifications: GET /v1/users/<id>/notifications, POST /v1/notifications (a custom "url"
// notification, Cord's ServerCreateNotification), DELETE /v1/notifications/<id>; with
// Cord's statuses and texts.

const createNotificationBody = cordBody(
  'CreateNotificationVariables',
  'notifications',
  // In the order of Cord's schema, which is the order of its lines.
  z.strictObject({
    // Strings in Cord's schema; checked as identifiers after it. The old snake_case names are
    // deprecated in Cord; the camelCase name wins when both are given.
    actorID: z.string().optional(),
    actor_id: z.string().optional(),
    recipientID: z.string().optional(),
    recipient_id: z.string().optional(),
    template: text(5000),
    url,
    iconUrl: url.optional(),
    type: z.literal('url'),
    metadata: entityMetadata.optional(),
    extraClassnames: nullOr(extraClassnames).optional(),
  }),
);

const groupNotFound = () => new ApiError(401, 'group_not_found', 'Platform group not found.');
const invalidRecipient = (id: string) => new ApiError(401, 'invalid_user_id', `Invalid recipient user id: ${id}.`);

/** Cord's check of an id in a body: a string or number of 1-128 characters. */
function identifier(value: unknown, name: string): string {
  const parsed = externalIdString.safeParse(value);
  if (!parsed.success)
    throw new ApiError(400, 'invalid_field', `Input type for ${name} is not valid, expected identifier.`);
  return parsed.data;
}

/** Cord's location filter in its long form; a bare location means an exact match. */
const wrappedLocation = z.strictObject({ value: locationSchema, partialMatch: z.boolean().optional() });

/** The `filter` query parameter of the list, with the user's right to the group checked. */
function listFilter(store: Store, userId: string, query: URLSearchParams): NotificationFilter {
  const raw = parseFilter(query, ['metadata', 'location']);
  const filter: NotificationFilter = {};
  if (raw.metadata !== undefined) {
    const metadata = entityMetadata.safeParse(raw.metadata);
    if (!metadata.success) throw invalidField('"metadata" must be valid JSON.');
    filter.metadata = metadata.data;
  }
  if (raw.location !== undefined) {
    const wrapped = wrappedLocation.safeParse(raw.location);
    const bare = locationSchema.safeParse(raw.location);
    if (wrapped.success)
      filter.location = { value: wrapped.data.value, partialMatch: wrapped.data.partialMatch === true };
    else if (bare.success) filter.location = { value: bare.data, partialMatch: false };
    else {
      throw invalidField(
        '"location" must be valid JSON. See https://docs.cord.com/reference/location for more information.',
      );
    }
  }
  // Cord refuses a user in no group at all, even for notifications no group has.
  const groups = store.groups.groupIdsOf(userId);
  if (groups.length === 0) throw groupNotFound();
  const groupId = raw.groupID ?? raw.organizationID;
  if (groupId !== undefined) {
    if (typeof groupId !== 'string' || !groups.includes(groupId)) throw groupNotFound();
    filter.groupId = groupId;
  }
  return filter;
}

export const notificationRoutes: Route[] = [
  {
    method: 'GET',
    path: 'users/:id/notifications',
    handle({ store }, { id, query }) {
      if (!store.users.exists(id)) throw new ApiError(401, 'user_not_found', 'Platform user not found.');
      const filter = listFilter(store, id, query);
      // Every notification, newest first: Cord does not page this list.
      return visibleNotifications(store, id, filter).map((shown) =>
        restNotification(notificationData(store, shown, id)),
      );
    },
  },
  {
    method: 'POST',
    path: 'notifications',
    handle({ store, notify }, { body }) {
      const input = createNotificationBody.parse(body);
      const recipientValue = input.recipientID ?? input.recipient_id;
      // An empty id counts as none, as in Cord.
      if (!recipientValue) throw new ApiError(400, 'invalid_request', 'Missing recipientID');
      const actorValue = input.actorID ?? input.actor_id;
      const actorId = actorValue ? identifier(actorValue, 'actor') : undefined;
      const recipientId = identifier(recipientValue, 'recipient');
      const actorExists = actorId !== undefined && store.users.exists(actorId);
      // Cord's quirk, kept: an unknown actor given by its old name is reported as the recipient.
      if (input.actor_id !== undefined && !actorExists) throw invalidRecipient(recipientId);
      if (!store.users.exists(recipientId)) throw invalidRecipient(recipientId);
      if (!actorExists && templateNamesActor(input.template)) {
        // Cord's wording, though the template does contain it: what is missing is the actor.
        throw invalidField('Invalid template: must contain {{actor}} variable');
      }
      const notificationID = `cord:${randomUUID()}`;
      notify({
        type: 'notificationCreated',
        notification: {
          id: notificationID,
          type: 'url',
          recipientId,
          senderId: actorExists ? actorId : null,
          template: input.template,
          url: input.url,
          iconUrl: input.iconUrl ?? null,
          metadata: input.metadata,
          extraClassnames: input.extraClassnames,
        },
      });
      return success('Notification created.', { notificationID });
    },
  },
  {
    method: 'DELETE',
    path: 'notifications/:id',
    handle({ store, hub }, { id }) {
      const notification = store.notifications.get(id);
      if (!notification) throw new ApiError(404, 'notification_not_found', 'Notification not found.');
      store.notifications.deleteGroup(notification);
      hub.publishNotifications([notification.recipientId]);
      return success(`💀 You successfully deleted notification ${id}`);
    },
  },
];
