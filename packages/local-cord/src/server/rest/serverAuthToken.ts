import type { LocalProject } from '../auth/clientAuthToken.ts';
import { decodeJwt, JwtRefusal, verifyJwt } from '../auth/jwt.ts';
import { ApiError } from './common.ts';

/** What `getServerAuthToken` signs: the project's id as `app_id`, and the times. */
const SERVER_TOKEN_CLAIMS = new Set(['app_id', 'project_id', 'iat', 'exp']);

/** Cord's rule for server auth tokens: signed at most a day ago, give or take 30 s of clock skew. */
export const SERVER_TOKEN_MAX_AGE_SECONDS = 24 * 60 * 60;
export const SERVER_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

const unauthorized = (code: string, message: string) => new ApiError(401, code, message);

/**
 * Checks `Authorization: Bearer <server auth token>` as Cord does: a JWT whose payload
 * names only the project, signed with the project's secret with HS512 (the only algorithm
 * Cord takes here, where client tokens may also be HS256), issued at most a day ago and not
 * expired, with 30 s of clock tolerance. A client auth token is refused: it would let a
 * browser act as the server.
 */
export function verifyServerAuthToken(header: string | undefined, project: LocalProject): void {
  if (!header) {
    throw unauthorized(
      'missing_authorization_header',
      'Send Authorization: Bearer <token>, with a token from getServerAuthToken(projectId, secret).',
    );
  }
  const token = /^Bearer +(\S+) *$/.exec(header)?.[1];
  if (!token) throw unauthorized('invalid_authorization_header', 'Expecting a token with a Bearer prefix.');

  const payload = decodeJwt(token)?.payload;
  if (payload === undefined) {
    throw unauthorized('invalid_authorization_header', 'The bearer token is not a JWT.');
  }
  if ('user_id' in payload) {
    throw unauthorized(
      'invalid_project_token',
      'This is a client auth token (it has a user_id). The REST API takes a server auth token, ' +
        'from getServerAuthToken(projectId, secret).',
    );
  }
  const extra = Object.keys(payload).filter((claim) => !SERVER_TOKEN_CLAIMS.has(claim));
  if (extra.length > 0) {
    throw unauthorized(
      'invalid_project_token',
      `A server auth token holds only app_id, iat and exp; this one also has ${extra.join(', ')}.`,
    );
  }
  const projectId: unknown = payload.app_id ?? payload.project_id;
  if (typeof projectId !== 'string') {
    throw unauthorized('invalid_project_token', 'The token has no app_id (the project id).');
  }
  if (projectId !== project.id) throw unauthorized('project_not_found', `Platform project ${projectId} not found.`);
  try {
    verifyJwt(token, project.secret, {
      algorithms: ['HS512'],
      maxAge: `${SERVER_TOKEN_MAX_AGE_SECONDS}s`,
      clockTolerance: SERVER_TOKEN_CLOCK_TOLERANCE_SECONDS,
    });
  } catch (error) {
    if (error instanceof JwtRefusal) throw unauthorized('invalid_project_token', error.message);
    throw error;
  }
}
