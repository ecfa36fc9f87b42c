import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { localCordAddressFields, localCordUrl, parseEnvironment, StackConfigError, text } from './envFields.ts';

// What the `cord` command line (packages/cord-cli) reads from the environment. Cord's own
// CLI read only CORD_CONFIG_PATH; the CORD_* overrides of the file are this project's.

const cliEnvSchema = z.object({
  CORD_CONFIG_PATH: text.optional(),
  CORD_PROJECT_ID: text.optional(),
  CORD_PROJECT_SECRET: text.optional(),
  CORD_CUSTOMER_ID: text.optional(),
  CORD_CUSTOMER_SECRET: text.optional(),
  CORD_API_URL: text.pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })).optional(),
  ...localCordAddressFields,
});

/** An id with its secret: a project's, or a customer's (for project management). */
export interface CordCredentials {
  id: string;
  secret: string;
}

export interface CordCliEnvironment {
  /** Cord CLI's settings file: CORD_CONFIG_PATH, or `.cord` in the home directory, as Cord's CLI had it. */
  configPath: string;
  /** CORD_PROJECT_ID with CORD_PROJECT_SECRET, which override the settings file. */
  project: CordCredentials | undefined;
  /** CORD_CUSTOMER_ID with CORD_CUSTOMER_SECRET, for `cord project …`. */
  customer: CordCredentials | undefined;
  /** CORD_API_URL, e.g. `https://cord.example.com/v1`. */
  apiUrl: string | undefined;
  /** Local Cord's REST API (LOCAL_CORD_HOST, LOCAL_CORD_PORT): where the CLI goes by default. */
  localCordApiUrl: string;
  /** Local Cord's base URL, where it answers /health. */
  localCordUrl: string;
}

/** Both halves of a pair of variables, or neither: half a credential is a mistake to report. */
function pair(idName: string, secretName: string, id?: string, secret?: string): CordCredentials | undefined {
  if (id === undefined && secret === undefined) return undefined;
  if (id === undefined || secret === undefined) {
    const missing = id === undefined ? idName : secretName;
    throw new StackConfigError(`${missing} is not set. Set both ${idName} and ${secretName}, or neither.`);
  }
  return { id, secret };
}

export function readCordCliEnvironment(env: NodeJS.ProcessEnv = process.env): CordCliEnvironment {
  const vars = parseEnvironment(cliEnvSchema, env);
  const local = localCordUrl(vars.LOCAL_CORD_HOST, vars.LOCAL_CORD_PORT);
  return {
    configPath: vars.CORD_CONFIG_PATH ?? join(homedir(), '.cord'),
    project: pair('CORD_PROJECT_ID', 'CORD_PROJECT_SECRET', vars.CORD_PROJECT_ID, vars.CORD_PROJECT_SECRET),
    customer: pair('CORD_CUSTOMER_ID', 'CORD_CUSTOMER_SECRET', vars.CORD_CUSTOMER_ID, vars.CORD_CUSTOMER_SECRET),
    apiUrl: vars.CORD_API_URL,
    localCordApiUrl: `${local}/v1`,
    localCordUrl: local,
  };
}
