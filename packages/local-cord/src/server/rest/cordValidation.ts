import { z } from 'zod';
import { ApiError, valueAt } from './common.ts';
import { cordError } from './cordErrors.ts';

// Request bodies checked as Cord's REST API checks them (a JSON Schema per body, every
// error collected) and refused in its words: `Invalid <Type>:\n<line>,\n<line>.\nRefer to <url>`,
// with lines such as `Input 3 for name must be type string`. Clients, and Cord's own
// tests, compare these texts, so the wording here is Cord's, wire string for wire string.

/** A body schema under Cord's name for it, and the documentation its errors refer to. */
export interface CordBody<S extends z.ZodType> {
  parse(body: unknown): z.output<S>;
}

/**
 * `docs` is the part of the URL after https://docs.cord.com/rest-apis/ ("threads"), or
 * undefined for the types whose errors Cord sends without a reference.
 */
export function cordBody<S extends z.ZodType>(typeName: string, docs: string | undefined, schema: S): CordBody<S> {
  const suffix = docs === undefined ? '' : `\nRefer to https://docs.cord.com/rest-apis/${docs}/`;
  return {
    parse(body) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw invalidRequest(`Invalid ${typeName}:\nExpected JSON object.${suffix}`);
      }
      const result = schema.safeParse(body);
      if (result.success) return result.data;
      throw invalidRequest(`Invalid ${typeName}:\n${describeIssues(body, result.error.issues).join(',\n')}.${suffix}`);
    },
  };
}

const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message);

/** Cord's lines: wrong values first, then each object's missing fields, then its unknown ones. */
function describeIssues(body: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const wrong: string[] = [];
  const missing = new Map<string, { at: unknown; depth: number; fields: string[] }>();
  const unexpected = new Map<string, { at: unknown; depth: number; fields: string[] }>();
  const note = (into: typeof missing, path: readonly PropertyKey[], fields: readonly string[]) => {
    const key = path.join('/');
    const entry = into.get(key) ?? { at: valueAt(body, path), depth: path.length, fields: [] };
    entry.fields.push(...fields);
    into.set(key, entry);
  };
  for (const issue of issues) {
    const value = valueAt(body, issue.path);
    if (issue.code === 'unrecognized_keys') note(unexpected, issue.path, issue.keys);
    // A field left out is "required" whatever its schema (a type, a constant such as a `key`,
    // or a choice of types such as an id's string or number).
    else if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') &&
      value === undefined
    ) {
      note(missing, issue.path.slice(0, -1), [String(issue.path.at(-1))]);
    } else if (issue.code === 'too_big' && issue.origin === 'array') {
      wrong.push(`Input has ${(value as unknown[]).length} items and must NOT have more than ${issue.maximum} items`);
    } else wrong.push(`Input ${shown(value)} for ${issue.path.join('/')} ${failure(issue)}`);
  }
  // ajv checks an object's own fields before it looks inside them, so an object comes before
  // the objects in it; Cord's schemas list required fields alphabetically, and so do its lines.
  const listed = (entries: typeof missing, verb: string, sorted: boolean) =>
    [...entries.values()]
      .sort((a, b) => a.depth - b.depth)
      .map(({ at, fields }) => `Input ${shown(at)} ${verb} ${fieldList(sorted ? [...fields].sort() : fields)}`);
  return [...wrong, ...listed(missing, 'requires', true), ...listed(unexpected, 'has unexpected', false)];
}

/** Longest input an error repeats: a refused 5 MiB name is not sent back whole. */
const MAX_SHOWN_INPUT = 1_000;

/** The input as JSON, as Cord's validator showed it; cut short (with `…`) past MAX_SHOWN_INPUT characters. */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length > MAX_SHOWN_INPUT ? `${json.slice(0, MAX_SHOWN_INPUT)}…` : json;
}

/** `field: a` or `fields: a, b and c`. */
function fieldList(fields: readonly string[]): string {
  if (fields.length === 1) return `field: ${fields[0]}`;
  return `fields: ${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

const JSON_TYPES: Record<string, string> = { record: 'object', int: 'integer' };
const FORMATS: Record<string, string> = { url: 'uri', datetime: 'date-time' };

/** What is wrong with a value, in the wording of ajv (the validator Cord's server ran). */
function failure(issue: z.core.$ZodIssue): string {
  // Schemas that need a wording of their own (see nullOr, dateTimeOrNull) carry it.
  if (issue.message.startsWith('must ')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `must be type ${JSON_TYPES[issue.expected] ?? issue.expected}`;
    case 'invalid_union':
      return `must be type ${issue.errors.map((branch) => expectedType(branch[0])).join(' or ')}`;
    case 'invalid_format':
      return `must match format "${FORMATS[issue.format] ?? issue.format}"`;
    case 'invalid_value':
      return issue.values.length === 1
        ? 'must be equal to constant'
        : `must be equal to one of the allowed values: ${issue.values.join(' or ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must NOT have fewer than ${issue.minimum} characters`
        : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must NOT have more than ${issue.maximum} characters`
        : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function expectedType(issue: z.core.$ZodIssue | undefined): string {
  return issue?.code === 'invalid_type' ? (JSON_TYPES[issue.expected] ?? issue.expected) : 'valid';
}

/**
 * The fields of a body with `first` moved to the front, in that order, the rest after them as
 * they were: Cord's validator reports wrong values in the order of its schema's fields.
 */
export function inSchemaOrder<S extends z.ZodRawShape>(shape: S, first: readonly (keyof S & string)[]): S {
  const rest = Object.entries(shape).filter(([key]) => !first.includes(key));
  return Object.fromEntries([...first.map((key) => [key, shape[key]]), ...rest]) as S;
}

// --- Cord's field types ----------------------------------------------------------------

/** `type: ["null", <type>]`: refused as "must be type null or string". */
export const nullOr = <S extends z.ZodType>(schema: S) => z.union([z.null(), schema]);

/** RFC 3339 with seconds and a time zone, as ajv's `date-time`; parsed to epoch milliseconds. */
export const dateTime = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

/** Cord's `anyOf: [date-time, null]`, refused as a whole the way ajv refuses an anyOf. */
export const dateTimeOrNull = z
  .custom<string | null>(
    (value) => value === null || dateTime.safeParse(value).success,
    'must match one of: date-time, null',
  )
  .transform((value) => (value === null ? null : Date.parse(value)));

/**
 * Cord's identifier rule for ids it checks in code (paths, new thread and message ids):
 * 1-320 code points, not starting with `cord:`, no control, format or unassigned characters.
 */
export function isCordIdentifier(value: string): boolean {
  const length = [...value].length;
  return length >= 1 && length <= 320 && !value.startsWith('cord:') && !/\p{C}/u.test(value);
}

/** Refuses an id that breaks Cord's identifier rule, naming the field as Cord does. */
export function requireIdentifier(value: string, field: string): string {
  if (!isCordIdentifier(value))
    throw cordError('invalid_field', `Input type for ${field} is not valid, expected identifier.`);
  return value;
}

/** A path's id that a read looks up: one breaking Cord's identifier rule is Cord's bare 400. */
export function requireReadableId(value: string): string {
  if (!isCordIdentifier(value)) throw cordError('invalid_request');
  return value;
}

/** A new id for a thread or a message (an update's `id`): Cord's identifier rule, and not in use. */
export function requireNewId(id: string, kind: 'thread' | 'message', inUse: (id: string) => boolean): string {
  if (!isCordIdentifier(id)) {
    throw cordError('invalid_field', `${id} is not a valid identifier: https://docs.cord.com/reference/identifiers`);
  }
  if (inUse(id)) {
    throw cordError(`${kind}_already_exists`, `Cannot change ID to ${id} since a ${kind} with that ID already exists`);
  }
  return id;
}
