import { getServerAuthToken } from '@cord-sdk/server';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { LOCAL_CORD_URL } from './stack.ts';

// Cord's REST API of the stack's local Cord, as a customer's server calls it.

export const GROUP = 'starpotterdunewars';

export async function rest(method: 'GET' | 'PUT' | 'POST' | 'DELETE', endpoint: string, body?: object) {
  const response = await fetch(`${LOCAL_CORD_URL}/v1/${endpoint}`, {
    method,
    headers: {
      Authorization: `Bearer ${getServerAuthToken(LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET)}`,
      'Content-Type': 'application/json',
    },
    ...(body && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
