import { z } from 'zod';
import { LOCAL_CORD_DEFAULT_HOST, LOCAL_CORD_DEFAULT_PORT } from './localProject.ts';
import { WILDCARD_HOSTS } from './loopback.ts';

// The zod pieces every environment schema of the stack is built from, so a port or a URL
// is read the same way by every process.

export const text = z.string().trim();
export const url = text.pipe(z.url({ error: 'must be an absolute URL' }));
export const wholeNumber = text.regex(/^\d+$/, 'must be a whole number').transform(Number);
export const port = (fallback: number) => wholeNumber.pipe(z.number().max(65535)).default(fallback);

/** Where local Cord listens: LOCAL_CORD_HOST and LOCAL_CORD_PORT. */
export const localCordAddressFields = {
  LOCAL_CORD_HOST: text.default(LOCAL_CORD_DEFAULT_HOST),
  LOCAL_CORD_PORT: port(LOCAL_CORD_DEFAULT_PORT),
};

/** Thrown when the environment cannot describe a working stack; says what to fix. */
export class StackConfigError extends Error {
  override name = 'StackConfigError';
}

/** A variable set to nothing (`PORT=` in .env) means the same as not set. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== ''),
  );
}

/** The variables a schema describes, or a StackConfigError naming every bad one. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(withoutBlanks(env));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new StackConfigError(`Invalid environment: ${problems.join('; ')}.`);
}

/** Local Cord's base URL for clients; a wildcard listening host is reached on loopback. */
export function localCordUrl(host: string, port: number): string {
  const reachableHost = WILDCARD_HOSTS.has(host) ? LOCAL_CORD_DEFAULT_HOST : host;
  return `http://${reachableHost}:${port}`;
}
