import { getProjectManagementAuthToken, getServerAuthToken } from '@cord-sdk/server';
import type { LocalProject } from '../server/auth/clientAuthToken.ts';
import type { LocalCustomer } from '../server/rest/customerAuthToken.ts';
import { CUSTOMER, type LocalCordAddress, PROJECT } from './throwawayLocalCord.ts';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

async function call<T>(cord: LocalCordAddress, method: Method, endpoint: string, token: string, body?: object) {
  const response = await fetch(`${cord.url}/v1/${endpoint}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A call to Cord's REST API on a local Cord, as a customer's server makes it: its status and JSON. */
export function restCall<T = unknown>(
  cord: LocalCordAddress,
  method: Method,
  endpoint: string,
  body?: object,
  project: LocalProject = PROJECT,
): Promise<{ status: number; body: T }> {
  return call<T>(cord, method, endpoint, getServerAuthToken(project.id, project.secret), body);
}

/** A call to Cord's project-management API (/v1/projects), signed with the customer's keys. */
export function projectManagementCall<T = unknown>(
  cord: LocalCordAddress,
  method: Method,
  endpoint: string,
  body?: object,
  customer: LocalCustomer = CUSTOMER,
): Promise<{ status: number; body: T }> {
  return call<T>(cord, method, endpoint, getProjectManagementAuthToken(customer.id, customer.secret), body);
}
