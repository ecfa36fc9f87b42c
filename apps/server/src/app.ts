import { getClientAuthToken } from '@cord-sdk/server';
import {
  type AllowedHosts,
  hostRefusal,
  type StackConfig,
  TOKEN_SERVER_ALLOWED_HOSTS,
} from '@cord-tutorial/stack-config';
import { type GuideVariant, type TestUser, testUserIndex } from '@cord-tutorial/stack-config/test-users';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

type TokenServerConfig = Pick<StackConfig, 'projectId' | 'projectSecret' | 'tokenExpiresSeconds' | 'guideVariant'> & {
  allowedOrigins: readonly string[];
  /** Host names answered besides loopback ones; by default none. */
  allowedHosts?: AllowedHosts;
};

type TokenPayload = Parameters<typeof getClientAuthToken>[2];

/** What the token says about the user, as the tutorial or the guide's step 11 writes it. */
function tokenPayload(variant: GuideVariant, user: TestUser): TokenPayload {
  if (variant.groupNamedIn === 'components') {
    // The guide's step 11: the CLI created the user and put them in my-first-group
    // (steps 8 and 11); the components name the group.
    return { user_id: user.id };
  }
  return {
    // The user ID can be any identifier that makes sense to your application.
    user_id: user.id,
    // Organizations are groups of users; any unique string works as an ID.
    organization_id: variant.group.id,
    // With `user_details`, Cord creates the user on the fly.
    user_details: { email: user.email, name: user.name },
    // With `organization_details`, Cord creates the organization on the fly.
    organization_details: { name: variant.group.name },
  };
}

export function createApp(config: TokenServerConfig) {
  const app = express();
  app.disable('x-powered-by');
  // A token is different every time: hashing it for an ETag is wasted work.
  app.disable('etag');
  app.use(logRequest);
  app.use(answerInFull);
  app.use(answerAllowedHostsOnly(config.allowedHosts ?? { names: [], setting: TOKEN_SERVER_ALLOWED_HOSTS }));
  app.use(allowClientOrigins(config.allowedOrigins));

  const { users } = config.guideVariant;
  app.get('/generate-cord-token', function generateCordToken(req, res) {
    // The tutorial's "Try multiple users" step: the user comes from `?userIndex=`.
    // Demo only! A real app signs a token for the user its own login identified.
    const { userIndex } = req.query;
    if (userIndex !== undefined && typeof userIndex !== 'string') {
      res.status(400).json({ error: 'userIndex must be given at most once, as a number.' });
      return;
    }
    const user = users[testUserIndex(userIndex, users.length)]!;

    const clientAuthToken = getClientAuthToken(
      config.projectId,
      config.projectSecret,
      tokenPayload(config.guideVariant, user),
      { expires: config.tokenExpiresSeconds },
    );

    res.json({ clientAuthToken });
  });

  app.all('/generate-cord-token', (_req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    res.status(405).json({ error: 'Method not allowed: use GET.' });
  });
  app.use((req, res) => {
    res.status(404).json({ error: `Not found: ${req.method} ${req.path}` });
  });
  app.use(answerErrorsAsJson);
  return app;
}

/**
 * Every answer here is made afresh (a token is new each time): never cached, and never an
 * empty 304. Express would answer `If-None-Match: *` with one, as the request is "fresh"
 * when no ETag contradicts it.
 */
const answerInFull: RequestHandler = (req, res, next) => {
  Object.defineProperty(req, 'fresh', { value: false });
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** Refuses a request by another host name than this machine's: see hostCheck.ts (DNS rebinding). */
function answerAllowedHostsOnly(allowedHosts: AllowedHosts): RequestHandler {
  return (req, res, next) => {
    const refusal = hostRefusal(req, allowedHosts);
    if (refusal === undefined) return next();
    res.status(403).json({ error: refusal });
  };
}

/**
 * The tutorial hard-codes `Access-Control-Allow-Origin: http://localhost:5173`, which
 * breaks as soon as the page is opened as 127.0.0.1 or on another port. Echo the
 * request's origin only when it is one of the configured client origins.
 */
function allowClientOrigins(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
    }
    next();
  };
}

const logRequest: RequestHandler = (req, res, next) => {
  const started = performance.now();
  res.on('finish', () => {
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms`);
  });
  next();
};

// Express would answer with an HTML page holding the stack trace; keep it in the log.
const answerErrorsAsJson: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status = statusOf(error);
  if (status >= 500) console.error(error);
  res.status(status).json({ error: status >= 500 ? 'Internal server error.' : 'Bad request.' });
};

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
