// Cord's REST API on a throwaway local Cord, called the way a customer's server calls Cord:
// with `fetchCordRESTApi` from the real @cord-sdk/server, signed by `getServerAuthToken`.
import { fetchCordRESTApi, getServerAuthToken } from '@cord-sdk/server';
import type { ServerEvent } from '../../src/protocol/events.ts';
import type { LocalCord } from '../../src/server/index.ts';
import { memberToken, PROJECT, type SignedIn, signIn } from '../../src/testing/index.ts';

export type Json = Record<string, unknown>;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** A call that must succeed: its JSON. */
export type RestApi = <T = Json>(endpoint: string, method?: Method, body?: unknown) => Promise<T>;

export function restApi(cord: LocalCord): RestApi {
  return <T>(endpoint: string, method: Method = 'GET', body?: unknown) =>
    fetchCordRESTApi<T>(endpoint, {
      project_id: PROJECT.id,
      project_secret: PROJECT.secret,
      api_url: `${cord.url}/`,
      method,
      ...(body !== undefined && { body: body as object }),
    });
}

/** A call the server must refuse: its status and JSON body, read from fetchCordRESTApi's error. */
export async function refused(call: Promise<unknown>): Promise<{ status: number; body: Json }> {
  const error = await call.then(
    (result) => {
      throw new Error(`accepted: ${JSON.stringify(result)}`);
    },
    (rejection: Error) => rejection,
  );
  const parts = /^Error making Cord API call: (\d+) [^{[]*(.*)$/s.exec(error.message);
  if (!parts) throw error;
  return { status: Number(parts[1]), body: JSON.parse(parts[2]!) as Json };
}

/** Cord's answer to a refused call: a status, and exactly `{ error, message }`. */
export const cordRefusal = (status: number, error: string, message: string) => ({ status, body: { error, message } });

/** A body sent as is (e.g. not JSON, or an array), with a real server token. */
export async function rawCall(cord: LocalCord, endpoint: string, method: Method, body: string) {
  const response = await fetch(`${cord.url}/${endpoint}`, {
    method,
    body,
    headers: {
      Authorization: `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}`,
      'Content-Type': 'application/json',
    },
  });
  return { status: response.status, body: (await response.json()) as Json };
}

export const paragraph = (text: string) => [{ type: 'p', children: [{ text }] }];

export const newThread = (groupID: string, extra: Json = {}) => ({
  groupID,
  name: 'A thread',
  url: 'http://localhost:5173/',
  location: { page: 'home' },
  ...extra,
});

/** Users (named "User <id>") in a group, made through the API. */
export async function usersInGroup(api: RestApi, groupId: string, ...userIds: string[]) {
  for (const id of userIds) await api(`v1/users/${id}`, 'PUT', { name: `User ${id}` });
  await api(`v1/groups/${groupId}`, 'PUT', { name: `Group ${groupId}`, members: userIds });
}

/** A browser of a member of the group, signed in over a real WebSocket. */
export function browserOf(cord: LocalCord, userId: string, groupId: string): Promise<SignedIn> {
  return signIn(cord, memberToken(userId, groupId));
}

export type EventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

/** Matches a pushed event of a type, with a test on it. */
export function eventOf<T extends ServerEvent['type']>(type: T, test: (event: EventOf<T>) => boolean = () => true) {
  return (event: ServerEvent) => event.type === type && test(event as EventOf<T>);
}
