import { z } from 'zod';
import { externalIdString, groupDetails } from '../../protocol/fields.ts';
import type { GroupRecord, Store } from '../../store/store.ts';
import { ApiError, notFound, parse, type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { restGroup, restGroupMember, restListedGroup } from './cordShapes.ts';
import { cordBody, requireIdentifier, requireReadableId } from './cordValidation.ts';
import { pageOf, sortById } from './listQuery.ts';
import { changeMembers, type MembershipChange, publishMembership } from './membership.ts';
import { requireUsers } from './users.ts';

// Groups: GET /v1/groups, GET and PUT /v1/groups/<id>, GET and POST /v1/groups/<id>/members.

/** In the order of Cord's schema, which is the order of its refusal's lines. */
export const groupFields = z.strictObject({
  name: groupDetails.shape.name,
  metadata: groupDetails.shape.metadata,
  status: groupDetails.shape.status,
  /** As in Cord, the group's whole membership: users left out are removed. */
  members: z.array(externalIdString).optional(),
});

const updateGroupBody = cordBody('UpdatePlatformGroupVariables', 'groups', groupFields);

const membersBody = cordBody(
  'UpdatePlatformGroupMembersVariables',
  'groups',
  z.strictObject({
    add: z.array(externalIdString).optional(),
    remove: z.array(externalIdString).optional(),
  }),
);

/** Creates or updates a group (creating needs a name); says whether it was created and who joined or left. */
export function applyGroup(
  store: Store,
  id: string,
  { members, ...details }: z.output<typeof groupFields>,
): { created: boolean; membership: MembershipChange } {
  const created = !store.groups.exists(id);
  if (!store.groups.upsert(id, details)) {
    throw new ApiError(
      400,
      'missing_field',
      'Invalid UpdatePlatformGroupVariables:\nGroup does not exist, "name" is a required field to create a new group.',
    );
  }
  if (!members) return { created, membership: { groupId: id, added: [], removed: [] } };
  requireUsers(store, members);
  const leaving = requireGroup(store, id).memberIds.filter((userId) => !members.includes(userId));
  return { created, membership: changeMembers(store, id, members, leaving) };
}

/** The group a read names; unknown, it is Cord's 404 with its catalogue's text (401 there by default). */
function requireGroup(store: Store, id: string): GroupRecord {
  const group = store.groups.record(id);
  if (!group) throw notFound('group_not_found', 'Platform group not found.');
  return group;
}

// Cord's texts for POST /v1/groups/<id>/members, which point at the token's details
// (the same check served its client auth tokens).
const DETAILS_DOCS = 'https://docs.cord.com/reference/authentication';
const unknownGroupOfMembers = (id: string) =>
  cordError(
    'group_not_found',
    `Platform group ${id} not found. If you wanted to create a new group, add group_details to your request. Refer to ${DETAILS_DOCS}#JSON-group-details for details.`,
  );
const unknownMember = (id: string) =>
  cordError(
    'user_not_found',
    `Platform user ${id} not found. If you wanted to create a new user, add user_details to your request. Refer to ${DETAILS_DOCS}#JSON-user-details for details.`,
  );

export const groupRoutes: Route[] = [
  {
    method: 'GET',
    path: 'groups',
    handle({ store }) {
      // Deleted groups too, as in Cord; no pagination there either.
      return store.groups.list().map(restListedGroup);
    },
  },
  {
    method: 'GET',
    path: 'groups/:id',
    handle({ store }, { id }) {
      const group = requireGroup(store, requireReadableId(id));
      // Cord's ServerGetGroup.
      return restGroup(group);
    },
  },
  {
    method: 'GET',
    path: 'groups/:id/members',
    handle({ store }, { id, query }) {
      const members = requireGroup(store, requireReadableId(id)).memberIds.flatMap(
        (userId) => store.users.record(userId) ?? [],
      );
      const { items, pagination } = pageOf(sortById(members), query);
      return { users: items.map(restGroupMember), pagination };
    },
  },
  {
    method: 'PUT',
    path: 'groups/:id',
    handle({ store, hub }, request) {
      // Cord's identifier rule (its name for the field), then local Cord's shorter limit on a group's id.
      const id = parse(externalIdString, requireIdentifier(request.id, 'orgID'), 'orgID');
      const fields = updateGroupBody.parse(request.body);
      const { created, membership } = store.transaction(() => applyGroup(store, id, fields));
      publishMembership(hub, [membership]);
      return success(`✅ You successfully ${created ? 'created' : 'updated'} group ${id}`);
    },
  },
  {
    method: 'POST',
    path: 'groups/:id/members',
    handle({ store, hub }, { id, body }) {
      // Cord's order: the group, the body, a user both added and removed, then the users.
      if (!store.groups.exists(id)) throw unknownGroupOfMembers(id);
      const { add = [], remove = [] } = membersBody.parse(body);
      const both = add.find((userId) => remove.includes(userId));
      if (both !== undefined) throw cordError('invalid_field', `Platform member ${both} both added and removed.`);
      const missing = [...add, ...remove].find((userId) => !store.users.exists(userId));
      if (missing !== undefined) throw unknownMember(missing);
      const membership = store.transaction(() => changeMembers(store, id, add, remove));
      publishMembership(hub, [membership]);
      return success('✅ You successfully updated group members');
    },
  },
];
