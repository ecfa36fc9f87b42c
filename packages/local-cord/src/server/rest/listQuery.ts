import { entityMetadata } from '../../protocol/fields.ts';
import { invalidField } from './common.ts';

// The query parameters of Cord's list endpoints: `limit`, `token` and `filter`, refused with
// Cord's own texts.

/** Cord's default page size, everywhere. */
const DEFAULT_LIMIT = 1000;

export interface Page<T> {
  items: T[];
  pagination: { token: string | null; total: number };
}

function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const limit = Number.parseInt(raw, 10);
  if (Number.isNaN(limit)) throw invalidField('Limit must be a number.');
  // Cord crashes on a negative limit; refusing it is the kinder answer.
  if (limit < 0) throw invalidField('Limit must not be negative.');
  return limit;
}

/** The id a page starts after: Cord's token is base64 JSON holding it as `externalID`. */
function parseToken(query: URLSearchParams): string | undefined {
  const tokens = query.getAll('token');
  if (tokens.length > 1) throw invalidField('Pagination token should be of type string.');
  const token = tokens[0];
  if (token === undefined || token === '') return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const after = (decoded as { externalID?: unknown } | null)?.externalID;
    if (typeof after === 'string' && after !== '') return after;
  } catch {
    // Not base64 JSON: the same answer as a token without its id.
  }
  throw invalidField('Pagination token is not valid');
}

function encodeToken(externalID: string): string {
  return Buffer.from(JSON.stringify({ externalID })).toString('base64');
}

/**
 * One page of items sorted by id, after the token's id; the token is set only when more
 * items remain. `total` counts all items, whatever the token.
 */
export function pageOf<T extends { id: string }>(sortedById: readonly T[], query: URLSearchParams): Page<T> {
  const limit = parseLimit(query);
  const after = parseToken(query);
  const rest = after === undefined ? sortedById : sortedById.filter((item) => item.id > after);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  const more = rest.length > items.length && last !== undefined;
  return { items, pagination: { token: more ? encodeToken(last.id) : null, total: sortedById.length } };
}

/** Cord's `filter` parameter: a JSON object holding only the keys this endpoint supports. */
export function parseFilter(query: URLSearchParams, supported: readonly string[]): Record<string, unknown> {
  const raw = query.get('filter');
  if (raw === null || raw === '') return {};
  let filter: unknown;
  try {
    filter = JSON.parse(raw);
  } catch {
    filter = undefined;
  }
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw invalidField('The filter object must be a valid JSON object.');
  }
  // Cord never refuses the group keys, even where it does not use them.
  const refused = Object.keys(filter).find(
    (key) => !supported.includes(key) && key !== 'groupID' && key !== 'organizationID',
  );
  if (refused !== undefined) throw invalidField(`The filter object does not support "${refused}" as a field.`);
  return filter as Record<string, unknown>;
}

/** Cord's metadata filter: every key and value given must be in the object's metadata. */
export function metadataMatcher(filter: Record<string, unknown>): (metadata: Record<string, unknown>) => boolean {
  if (filter.metadata === undefined) return () => true;
  const wanted = entityMetadata.safeParse(filter.metadata);
  if (!wanted.success) throw invalidField('"metadata" must be valid JSON.');
  const entries = Object.entries(wanted.data);
  return (metadata) => entries.every(([key, value]) => metadata[key] === value);
}

/** Items in JavaScript's string order of their ids, which is Cord's (Postgres "C") order for ASCII ids. */
export function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
