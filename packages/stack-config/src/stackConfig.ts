import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  localCordAddressFields,
  localCordUrl,
  parseEnvironment,
  port,
  StackConfigError,
  text,
  url,
  wholeNumber,
} from './envFields.ts';
import { type AllowedHosts, LOCAL_CORD_ALLOWED_HOSTS, TOKEN_SERVER_ALLOWED_HOSTS } from './hostCheck.ts';
import {
  LOCAL_CORD_CSS_PATH,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_SECRET,
  LOCAL_CORD_SCRIPT_PATH,
} from './localProject.ts';
import { isLoopbackHost, WILDCARD_HOSTS } from './loopback.ts';
import { GUIDE_VARIANT_NAMES, GUIDE_VARIANTS, type GuideVariant, type GuideVariantName } from './testUsers.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Each variant keeps its own database by default: both have a thread `a-first-conversation`,
 * in different groups, and Cord's thread ids are unique in a project, so one database
 * would refuse the second variant's thread. Relative paths are from the repository root,
 * whichever process reads them.
 */
function databasePath(configured: string | undefined, variant: GuideVariantName): string {
  if (configured === ':memory:') return configured;
  const byVariant = variant === 'guide' ? '.local-cord/guide.db' : '.local-cord/local-cord.db';
  return resolve(REPOSITORY_ROOT, configured ?? byVariant);
}

export { StackConfigError };

/** A comma-separated list (origins, host names). */
const commaList = text.transform((list) =>
  list
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

/** The events webhook events local Cord can send (Cord's `url-verification` always goes). */
export const WEBHOOK_EVENTS = ['thread-message-added', 'notification-created'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const webhookEvents = text.transform((list, context) => {
  const events = list
    .split(',')
    .map((event) => event.trim())
    .filter(Boolean);
  const unknown = events.find((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown !== undefined) {
    context.addIssue({ code: 'custom', message: `has ${unknown}; the events are ${WEBHOOK_EVENTS.join(', ')}` });
  }
  return events as WebhookEvent[];
});

const envSchema = z.object({
  CORD_PROJECT_ID: text.pipe(z.uuid({ error: 'must be a UUID' })).optional(),
  CORD_SECRET: text.optional(),
  CORD_SCRIPT_URL: url.optional(),
  CORD_TOKEN_EXPIRES_SECONDS: wholeNumber.pipe(z.number().positive()).optional(),
  PORT: port(3337),
  WEB_PORT: port(5173),
  TOKEN_SERVER_URL: url.optional(),
  CLIENT_ORIGINS: commaList.optional(),
  // Loopback, as local Cord: a token server signs tokens for anyone who can reach it.
  TOKEN_SERVER_HOST: text.default('127.0.0.1'),
  [TOKEN_SERVER_ALLOWED_HOSTS]: commaList.optional(),
  ...localCordAddressFields,
  [LOCAL_CORD_ALLOWED_HOSTS]: commaList.optional(),
  LOCAL_CORD_DB: text.optional(),
  LOCAL_CORD_ALLOW_REMOTE: z.enum(['0', '1', 'true', 'false']).optional(),
  CORD_GUIDE_VARIANT: text
    .pipe(
      z.enum(GUIDE_VARIANT_NAMES, { error: `must be ${GUIDE_VARIANT_NAMES.map((name) => `"${name}"`).join(' or ')}` }),
    )
    .default('tutorial'),
  LOCAL_CORD_WEBHOOK_URL: text.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).optional(),
  LOCAL_CORD_WEBHOOK_EVENTS: webhookEvents.optional(),
});

/**
 * The allowed host names: those configured, and the names (not loopback, not a wildcard
 * address) the stack's own settings reach a server by.
 */
function namedHosts(configured: readonly string[] = [], ...ownNames: string[]): string[] {
  const named = ownNames
    // A Host header writes an IPv6 address in brackets.
    .map((name) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name).toLowerCase())
    .filter((name) => !isLoopbackHost(name) && !WILDCARD_HOSTS.has(name));
  return [...new Set([...configured, ...named])];
}

export type CordMode = 'local' | 'hosted';

export interface StackConfig {
  /** `local`: the stand-in in packages/local-cord. `hosted`: a real Cord deployment. */
  mode: CordMode;
  projectId: string;
  projectSecret: string;
  /**
   * CORD_GUIDE_VARIANT: whose "Try multiple users" the token server and the page play,
   * the tutorial's (`tutorial`, the default) or the integration guide's step 11 (`guide`).
   */
  guideVariant: GuideVariant;
  /** Token lifetime in seconds; undefined keeps Cord's default (1 minute). */
  tokenExpiresSeconds: number | undefined;
  tokenServer: {
    /** TOKEN_SERVER_HOST: where it listens; loopback unless opened on purpose. */
    host: string;
    port: number;
    url: string;
    allowedOrigins: string[];
    /** Host names it answers besides loopback ones (DNS rebinding: see hostCheck.ts). */
    allowedHosts: AllowedHosts;
  };
  web: { port: number };
  /** What CordProvider loads; undefined means Cord's own default URL. */
  cordScriptUrl: string | undefined;
  /** The stylesheet the page pre-places as link#cord-react; undefined lets Cord pick. */
  cordCssUrl: string | undefined;
  localCord: {
    host: string;
    port: number;
    url: string;
    /** A SQLite file, or `:memory:`. */
    database: string;
    /** Whether listening beyond loopback was asked for explicitly. */
    allowRemote: boolean;
    /** Host names it answers besides loopback ones (DNS rebinding: see hostCheck.ts). */
    allowedHosts: AllowedHosts;
    /** Where local Cord posts Cord's webhook events, and which; undefined: nowhere. */
    webhook: { url: string; events: WebhookEvent[] } | undefined;
  };
}

/**
 * Reads the whole stack's configuration from the environment. This is the one place
 * that decides between local Cord and a real Cord deployment: with neither
 * CORD_PROJECT_ID nor CORD_SECRET set the stack runs against local Cord.
 */
export function readStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const vars = parseEnvironment(envSchema, env);

  if (Boolean(vars.CORD_PROJECT_ID) !== Boolean(vars.CORD_SECRET)) {
    const missing = vars.CORD_PROJECT_ID ? 'CORD_SECRET' : 'CORD_PROJECT_ID';
    throw new StackConfigError(
      `${missing} is not set. Set both CORD_PROJECT_ID and CORD_SECRET to use a real Cord ` +
        'project, or neither to use local Cord.',
    );
  }
  const hosted = vars.CORD_PROJECT_ID !== undefined && vars.CORD_SECRET !== undefined;

  const localCordBaseUrl = localCordUrl(vars.LOCAL_CORD_HOST, vars.LOCAL_CORD_PORT);
  const tokenServerUrl = vars.TOKEN_SERVER_URL ?? `http://localhost:${vars.PORT}`;

  return {
    mode: hosted ? 'hosted' : 'local',
    projectId: vars.CORD_PROJECT_ID ?? LOCAL_CORD_PROJECT_ID,
    projectSecret: vars.CORD_SECRET ?? LOCAL_CORD_PROJECT_SECRET,
    guideVariant: GUIDE_VARIANTS[vars.CORD_GUIDE_VARIANT],
    tokenExpiresSeconds: vars.CORD_TOKEN_EXPIRES_SECONDS,
    tokenServer: {
      host: vars.TOKEN_SERVER_HOST,
      port: vars.PORT,
      url: tokenServerUrl,
      allowedOrigins: vars.CLIENT_ORIGINS ?? [`http://localhost:${vars.WEB_PORT}`, `http://127.0.0.1:${vars.WEB_PORT}`],
      allowedHosts: {
        // The names the stack itself is configured to reach it by are allowed without asking.
        names: namedHosts(vars[TOKEN_SERVER_ALLOWED_HOSTS], vars.TOKEN_SERVER_HOST, new URL(tokenServerUrl).hostname),
        setting: TOKEN_SERVER_ALLOWED_HOSTS,
      },
    },
    web: { port: vars.WEB_PORT },
    cordScriptUrl: hosted ? vars.CORD_SCRIPT_URL : `${localCordBaseUrl}${LOCAL_CORD_SCRIPT_PATH}`,
    cordCssUrl: hosted ? undefined : `${localCordBaseUrl}${LOCAL_CORD_CSS_PATH}`,
    localCord: {
      host: vars.LOCAL_CORD_HOST,
      port: vars.LOCAL_CORD_PORT,
      url: localCordBaseUrl,
      database: databasePath(vars.LOCAL_CORD_DB, vars.CORD_GUIDE_VARIANT),
      allowRemote: vars.LOCAL_CORD_ALLOW_REMOTE === '1' || vars.LOCAL_CORD_ALLOW_REMOTE === 'true',
      allowedHosts: {
        names: namedHosts(vars[LOCAL_CORD_ALLOWED_HOSTS], vars.LOCAL_CORD_HOST),
        setting: LOCAL_CORD_ALLOWED_HOSTS,
      },
      webhook: vars.LOCAL_CORD_WEBHOOK_URL
        ? { url: vars.LOCAL_CORD_WEBHOOK_URL, events: vars.LOCAL_CORD_WEBHOOK_EVENTS ?? [...WEBHOOK_EVENTS] }
        : undefined,
    },
  };
}
