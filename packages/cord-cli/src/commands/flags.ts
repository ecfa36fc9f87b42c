import { UsageError } from '../errors.ts';

// Turning flag values into what Cord's REST API takes, refusing what cannot be turned.

/** Every flag takes exactly one value, as in Cord's CLI: `--durable true`, not `--durable`. */
export const ONE_VALUE = { nargs: 1 } as const;
export const stringFlag = (description: string) => ({ ...ONE_VALUE, type: 'string', description }) as const;
export const booleanFlag = (description: string) => ({ ...ONE_VALUE, type: 'boolean', description }) as const;
export const numberFlag = (description: string) => ({ ...ONE_VALUE, type: 'number', description }) as const;

/** A flag holding JSON (`--metadata '{"a":1}'`), parsed; undefined stays undefined. */
export function jsonFlag(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new UsageError(
      `--${flag} is not valid JSON: ${(error as Error).message}`,
      `For example: --${flag} '{"key":"value"}'`,
    );
  }
}

/**
 * A flag holding a time, sent as an ISO string. `null` sends null (e.g. to reopen a thread).
 * Anything `new Date` reads is taken, and so are milliseconds since 1970, which Cord's CLI
 * turned into null without a word.
 */
export function timeFlag(value: string | undefined, flag: string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'null') return null;
  const time = new Date(/^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(time.getTime())) {
    throw new UsageError(`--${flag} is not a time: ${value}`, `For example: --${flag} 2024-05-01T12:00:00Z`);
  }
  return time.toISOString();
}

/** A repeatable flag (`--addGroup a --addGroup b`) as a list. */
export function listFlag(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
