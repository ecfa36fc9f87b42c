import { z } from 'zod';
import {
  email,
  externalIdString,
  externalIdText,
  name,
  profileFromDetails,
  uri,
  userDetails,
} from '../../protocol/fields.ts';
import type { Store } from '../../store/store.ts';
import { notFound, parse, type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { restListedUser, restUser } from './cordShapes.ts';
import { cordBody, nullOr, requireIdentifier, requireReadableId } from './cordValidation.ts';
import { metadataMatcher, pageOf, parseFilter, sortById } from './listQuery.ts';
import { changeMembers, publishMembership } from './membership.ts';

// Users: GET and PUT /v1/users/<id>, the fields Cord's ServerUpdateUser has.

/**
 * A user's fields as Cord's schema types them (its texts take `null`: refused as "must be
 * type null or string"), in its order, which is the order of its refusal's lines.
 */
export const userFields = z.strictObject({
  name: nullOr(name).optional(),
  metadata: userDetails.shape.metadata,
  status: userDetails.shape.status,
  email: nullOr(email).optional(),
  shortName: nullOr(name).optional(),
  short_name: nullOr(name).optional(),
  profilePictureURL: nullOr(uri).optional(),
  profile_picture_url: nullOr(uri).optional(),
  // Deprecated in Cord, where they have no effect either.
  first_name: nullOr(name).optional(),
  last_name: nullOr(name).optional(),
});

const updateUserBody = cordBody(
  'UpdatePlatformUserVariables',
  'users',
  userFields.extend({
    // Strings only here, where a member's id may be a number.
    addGroups: z.array(externalIdText).optional(),
    removeGroups: z.array(externalIdText).optional(),
  }),
);

/** Creates or updates a user (null fields are left as they are); true if created. */
export function applyUser(store: Store, id: string, fields: z.output<typeof userFields>): boolean {
  return store.users.upsert(id, profileFromDetails(fields));
}

/** Refuses ids of users that do not exist, naming them all as Cord does (a group's `members`, a batch). */
export function requireUsers(store: Store, ids: readonly string[]) {
  const missing = [...new Set(ids.filter((id) => !store.users.exists(id)))];
  if (missing.length > 0) {
    throw cordError('user_not_found', `Platform user${missing.length > 1 ? 's' : ''} ${inWords(missing)} not found.`);
  }
}

/** `a`, `a and b`, `a, b, and c`: how Cord lists names in a sentence. */
function inWords(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`;
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: 'users',
    handle({ store }, { query }) {
      const matches = metadataMatcher(parseFilter(query, ['metadata']));
      // Every user whatever their status, by id, as Cord lists them.
      const users = sortById(store.users.list()).filter((user) => matches(user.metadata));
      const { items, pagination } = pageOf(users, query);
      return { users: items.map(restListedUser), pagination };
    },
  },
  {
    method: 'GET',
    path: 'users/:id',
    handle({ store }, { id }) {
      const user = store.users.record(requireReadableId(id));
      // Cord's default text, with 404 where its catalogue says 401.
      if (!user) throw notFound('user_not_found', 'Platform user not found.');
      return restUser(user);
    },
  },
  {
    method: 'PUT',
    path: 'users/:id',
    handle({ store, hub }, request) {
      // Cord's identifier rule, then local Cord's shorter limit on a user's id.
      const id = parse(externalIdString, requireIdentifier(request.id, 'userID'), 'userID');
      const { addGroups = [], removeGroups = [], ...fields } = updateUserBody.parse(request.body);
      const both = addGroups.find((groupId) => removeGroups.includes(groupId));
      if (both !== undefined) {
        throw cordError('invalid_field', 'Adding and removing the same group is invalid.');
      }
      const { created, membership } = store.transaction(() => {
        const unknownGroup = [...addGroups, ...removeGroups].find((groupId) => !store.groups.exists(groupId));
        if (unknownGroup !== undefined) throw cordError('group_not_found', `Group ${unknownGroup} not found.`);
        const isNew = applyUser(store, id, fields);
        const membership = [
          ...addGroups.map((groupId) => changeMembers(store, groupId, [id], [])),
          ...removeGroups.map((groupId) => changeMembers(store, groupId, [], [id])),
        ];
        return { created: isNew, membership };
      });
      hub.publishUser(id);
      publishMembership(hub, membership);
      return success(`✅ You successfully ${created ? 'created' : 'updated'} user ${id}`);
    },
  },
];
