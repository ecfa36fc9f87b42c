// A real local Cord for tests and benchmarks: on 127.0.0.1, a free port, a project of its own.
import { randomUUID } from 'node:crypto';
import { getClientAuthToken } from '@cord-sdk/server';
import type { LocalProject } from '../server/auth/clientAuthToken.ts';
import { type LocalCord, type LocalCordOptions, startLocalCord } from '../server/index.ts';
import type { LocalCustomer } from '../server/rest/customerAuthToken.ts';
import { IN_MEMORY } from '../store/store.ts';

/** A test project: a fresh UUID, so no test can lean on the published development one. */
export const PROJECT: LocalProject = { id: randomUUID(), secret: 'local-cord-test-secret' };
/** The test project's customer, whose keys sign project-management tokens; fresh like the project. */
export const CUSTOMER: LocalCustomer = { id: randomUUID(), secret: 'local-cord-test-customer-secret' };

/**
 * Starts a local Cord that leaves nothing behind: an in-memory database unless a file is
 * given, a port the system picks, the test project and customer above; `options` add to these.
 */
export function startThrowawayLocalCord(
  database: string = IN_MEMORY,
  options: Partial<LocalCordOptions> = {},
): Promise<LocalCord> {
  return startLocalCord({ project: PROJECT, customer: CUSTOMER, database, host: '127.0.0.1', port: 0, ...options });
}

/** Where a local Cord answers; a started LocalCord is one, so is a `{ url }` of a process. */
export type LocalCordAddress = Pick<LocalCord, 'url'>;

export function socketUrl(cord: LocalCordAddress): string {
  return `${cord.url.replace(/^http/, 'ws')}/socket`;
}

type TokenPayload = Parameters<typeof getClientAuthToken>[2];
type TokenOptions = NonNullable<Parameters<typeof getClientAuthToken>[3]>;

/** A token as a customer's server makes it: the real `getClientAuthToken` (HS512, 1 min). */
export function tokenFor(payload: TokenPayload, options: TokenOptions = {}, project: LocalProject = PROJECT): string {
  return getClientAuthToken(project.id, project.secret, payload, options);
}

/** A user in a group, both created by the token's details. */
export function memberToken(
  userId: string,
  groupId: string,
  name = `User ${userId}`,
  project: LocalProject = PROJECT,
): string {
  const payload = {
    user_id: userId,
    group_id: groupId,
    user_details: { name },
    group_details: { name: `Group ${groupId}` },
  };
  return tokenFor(payload, {}, project);
}
