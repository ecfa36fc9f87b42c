import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { fieldPath } from '../../protocol/validation.ts';
import type { Store } from '../../store/store.ts';
import type { LocalProject } from '../auth/clientAuthToken.ts';
import type { Hub } from '../live/hub.ts';
import type { Notify } from '../writes.ts';

/** A refusal as Cord's API answers it: an HTTP status and `{ error, message }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const invalidField = (message: string) => new ApiError(400, 'invalid_field', message);

export interface RestContext {
  /** The one project local Cord serves. */
  project: LocalProject;
  store: Store;
  /** Writes are pushed to the browsers that show them, as if a browser had made them. */
  hub: Hub;
  /** Called after a write Cord notifies about, as the live API does. */
  notify: Notify;
}

export interface RestRequest {
  /** The `:id` of the route's path, decoded; '' for routes without one. */
  id: string;
  /** The `:childId` of paths like `threads/:id/messages/:childId`, decoded; '' for the others. */
  childId: string;
  /** The parsed JSON body; `{}` when there is none, or when the route reads the request itself. */
  body: unknown;
  query: URLSearchParams;
  /** The request, for a route that reads its body itself (a file upload). */
  incoming: IncomingMessage;
}

export interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** The path after `/v1/`, with at most an `:id` and then a `:childId` segment. */
  path: string;
  /** The body is not JSON: the route reads `incoming` itself (as a stream, with its own limits). */
  readsOwnBody?: boolean;
  /** Whose token the route takes: the project's server auth token (the default), or the customer's. */
  auth?: 'customer';
  /** Returns (or resolves to) the JSON body of a 200 answer, or throws an ApiError. */
  handle(context: RestContext, request: RestRequest): unknown;
}

/** What Cord answers to a write. */
export function success<T extends object>(message: string, extra?: T) {
  return { success: true, message, ...extra };
}

/**
 * Parses a value that is not a whole body (a path's id, local Cord's own `text`), or throws a
 * 400 naming the field. Bodies go through cordBody, in the words of Cord's validator.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, field = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalidField('Invalid request.');
  const path = fieldPath([...(field ? [field] : []), ...issue.path]);
  const at = path ? `${path}: ` : '';
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return fail('missing_field', `${path} is required.`);
  }
  return fail('invalid_field', `${at}${issue.message}`);
}

function fail(code: string, message: string): never {
  throw new ApiError(400, code, message);
}

/** The value at a path inside a parsed body; undefined where there is none. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Timestamps go out as ISO strings, which is how Cord's JSON carries its Dates. */
export function isoTime(at: number): string;
export function isoTime(at: number | null): string | null;
export function isoTime(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
