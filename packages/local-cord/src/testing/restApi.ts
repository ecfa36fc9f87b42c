import { getServerAuthToken } from '@cord-sdk/server';
import type { LocalProject } from '../server/auth/clientAuthToken.ts';
import { type LocalCordAddress, PROJECT } from './throwawayLocalCord.ts';

/** A call to Cord's REST API on a local Cord, as a customer's server makes it: its status and JSON. */
export async function restCall<T = unknown>(
  cord: LocalCordAddress,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  endpoint: string,
  body?: object,
  project: LocalProject = PROJECT,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${cord.url}/v1/${endpoint}`, {
    method,
    headers: {
      Authorization: `Bearer ${getServerAuthToken(project.id, project.secret)}`,
      'Content-Type': 'application/json',
    },
    ...(body && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}
