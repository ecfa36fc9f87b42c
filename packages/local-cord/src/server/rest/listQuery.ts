import { entityMetadata } from '../../protocol/fields.ts';
import { type CordLocation, locationKey, matchesLocation } from '../../protocol/location.ts';
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

/** Where a page starts: after the item with this id and, for lists not sorted by id, this sort value. */
interface PageToken {
  externalID: string;
  value: string;
}

/**
 * How a list is paged. Cord's token is base64 JSON holding the last item's id as
 * `externalID`, and for lists sorted by time that time under a name of the list's own.
 */
export interface PageCursor<T> {
  /** The token's field for the sort value; undefined for lists sorted by id. */
  field?: string;
  /** The item's sort value, as the token carries it. */
  valueOf(item: T): string;
  /** Whether a token's sort value is one this list can start after; any, when not given. */
  accepts?(value: string): boolean;
  /** Whether an item comes after the token's. */
  isAfter(item: T, token: PageToken): boolean;
}

const BY_ID: PageCursor<{ id: string }> = {
  valueOf: (item) => item.id,
  isAfter: (item, token) => item.id > token.externalID,
};

function parseToken<T>(query: URLSearchParams, cursor: PageCursor<T>): PageToken | undefined {
  const { field } = cursor;
  const tokens = query.getAll('token');
  if (tokens.length > 1) throw invalidField('Pagination token should be of type string.');
  const token = tokens[0];
  if (token === undefined || token === '') return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown> | null;
    const externalID = decoded?.externalID;
    const value = field === undefined ? externalID : decoded?.[field];
    const valid = typeof value === 'string' && value !== '' && (cursor.accepts?.(value) ?? true);
    if (typeof externalID === 'string' && externalID !== '' && valid) {
      return { externalID, value };
    }
  } catch {
    // Not base64 JSON: the same answer as a token without its id.
  }
  throw invalidField('Pagination token is not valid');
}

function encodeToken<T extends { id: string }>(item: T, cursor: PageCursor<T>): string {
  const token = { externalID: item.id, ...(cursor.field && { [cursor.field]: cursor.valueOf(item) }) };
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

/**
 * One page of sorted items, after the token's item; the token is set only when more
 * items remain. `total` counts all items, whatever the token.
 */
export function pageOf<T extends { id: string }>(
  sorted: readonly T[],
  query: URLSearchParams,
  cursor: PageCursor<T> = BY_ID,
): Page<T> {
  const limit = parseLimit(query);
  const after = parseToken(query, cursor);
  const rest = after === undefined ? sorted : sorted.filter((item) => cursor.isAfter(item, after));
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  const more = rest.length > items.length && last !== undefined;
  return { items, pagination: { token: more ? encodeToken(last, cursor) : null, total: sorted.length } };
}

/** A time as Cord's cursors carry it: `2024-05-01 12:34:56.123000` (UTC, microseconds). */
export function cursorTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 23).replace('T', ' ')}000`;
}

/** The time a cursor carries; NaN when it is not one. */
export function parseCursorTime(value: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,6})?$/.exec(value);
  if (!match) return Number.NaN;
  return Date.parse(`${match[1]}T${match[2]}${(match[3] ?? '').slice(0, 4)}Z`);
}

/**
 * A cursor over items sorted by a time (ascending or descending), ties by id ascending.
 * A token whose time cannot be read is refused like any malformed token.
 */
export function timeCursor<T extends { id: string }>(
  field: string,
  timeOf: (item: T) => number,
  direction: 'ascending' | 'descending',
): PageCursor<T> {
  return {
    field,
    valueOf: (item) => cursorTime(timeOf(item)),
    accepts: (value) => !Number.isNaN(parseCursorTime(value)),
    isAfter(item, token) {
      const at = parseCursorTime(token.value);
      const time = timeOf(item);
      if (time === at) return item.id > token.externalID;
      return direction === 'ascending' ? time > at : time < at;
    },
  };
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

/**
 * Cord's location filter: a flat location (the same location) or `{ value, partialMatch }`
 * (with partialMatch, every key given has that value). Empty values filter nothing, as in Cord.
 */
export function locationMatcher(filter: Record<string, unknown>): (location: CordLocation) => boolean {
  const given = filter.location;
  if (!given) return () => true;
  const flat = entityMetadata.safeParse(given);
  const options = flat.success ? undefined : (given as { value?: unknown; partialMatch?: unknown });
  const value = flat.success ? flat : entityMetadata.safeParse(options?.value);
  if (!value.success) {
    throw invalidField(
      '"location" must be valid JSON. See https://docs.cord.com/reference/location for more information.',
    );
  }
  const wanted = value.data;
  if (options?.partialMatch) return (location) => matchesLocation(wanted, location);
  return (location) => locationKey(location) === locationKey(wanted);
}

/** An id filter (`groupID`, `organizationID`, `authorID`) as Cord reads it: a string, or nothing when empty. */
export function idFilter(filter: Record<string, unknown>, key: string, invalid: string): string | undefined {
  const value = filter[key];
  if (!value) return undefined;
  if (typeof value !== 'string') throw invalidField(invalid);
  return value;
}

/** The group a filter names (`groupID`, or the older `organizationID`). */
export function groupFilter(filter: Record<string, unknown>): string | undefined {
  return (
    idFilter(filter, 'groupID', '"groupID" is not valid') ??
    idFilter(filter, 'organizationID', '"groupID" is not valid')
  );
}

export type ResolvedStatus = 'any' | 'resolved' | 'unresolved';

export function resolvedStatusFilter(filter: Record<string, unknown>): ResolvedStatus {
  const value = filter.resolvedStatus;
  if (!value) return 'any';
  if (value !== 'any' && value !== 'resolved' && value !== 'unresolved') {
    throw invalidField('"resolvedStatus" must be set to "any", "resolved", or "unresolved"');
  }
  return value;
}

/** Cord's `{ from?, to? }` filter on a time; both ends included. Anything `new Date()` reads is a time. */
export function timeRangeMatcher(filter: Record<string, unknown>, field: string): (at: number | null) => boolean {
  const range = filter[field];
  if (!range) return () => true;
  if (typeof range !== 'object' || Array.isArray(range)) throw invalidField(`"${field}" must be valid JSON object.`);
  const { from, to, ...others } = range as Record<string, unknown>;
  // Cord's text, with its stray brace.
  if (Object.keys(others).length > 0)
    throw invalidField(`"${field}" object must only contain the fields: from and to}`);
  if (from === undefined && to === undefined) {
    throw invalidField(`"${field}" object must contain at least one of the 2 optional fields: from or to`);
  }
  const time = (end: string, value: unknown) => {
    if (value === undefined) return undefined;
    const at =
      value && (typeof value === 'string' || typeof value === 'number') ? new Date(value).getTime() : Number.NaN;
    if (Number.isNaN(at)) throw invalidField(`"${end}" value on "${field}" must be a valid date`);
    return at;
  };
  const [start, end] = [time('from', from), time('to', to)];
  return (at) => at !== null && (start === undefined || at >= start) && (end === undefined || at <= end);
}
