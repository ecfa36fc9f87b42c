import { z } from 'zod';
import { externalIdString } from '../../protocol/fields.ts';
import { type Route, success } from './common.ts';
import { cordBody } from './cordValidation.ts';
import { applyGroup, groupFields } from './groups.ts';
import { publishMembership } from './membership.ts';
import { applyUser, userFields } from './users.ts';

// POST /v1/batch: many users, then many groups, all or nothing (Cord's ServerUpdateBatch).

const batchBody = cordBody(
  'BatchAPIVariables',
  'batch',
  z.strictObject({
    users: z
      .array(userFields.extend({ id: externalIdString }))
      .max(10_000)
      .optional(),
    groups: z
      .array(groupFields.extend({ id: externalIdString }))
      .max(1_000)
      .optional(),
  }),
);

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const batchRoutes: Route[] = [
  {
    method: 'POST',
    path: 'batch',
    handle({ store, hub }, { body }) {
      const { users = [], groups = [] } = batchBody.parse(body);
      const { updatedUsers, membership } = store.transaction(() => ({
        updatedUsers: users.filter(({ id, ...fields }) => !applyUser(store, id, fields)),
        membership: groups.map(({ id, ...fields }) => applyGroup(store, id, fields).membership),
      }));
      for (const { id } of updatedUsers) hub.publishUser(id);
      publishMembership(hub, membership);
      return success(
        `✅ You successfully batch updated ${count(users.length, 'user')} and ${count(groups.length, 'group')}`,
      );
    },
  },
];
