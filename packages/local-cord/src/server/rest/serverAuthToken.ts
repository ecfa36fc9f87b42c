import { isUuid } from '../../protocol/fields.ts';
import type { LocalProject } from '../auth/clientAuthToken.ts';
import { decodeJwt, JwtRefusal, verifyJwt } from '../auth/jwt.ts';
import { bearerToken, PAYLOAD_NOT_AN_OBJECT } from './bearerToken.ts';
import { ApiError } from './common.ts';

/** What `getServerAuthToken` signs: the project's id as `app_id`, and the times. */
const SERVER_TOKEN_CLAIMS = new Set(['app_id', 'project_id', 'iat', 'exp']);

/**
 * Cord's rule for the tokens of its REST APIs (a project's server auth token, a customer's
 * project-management token): signed at most a day ago, give or take 30 s of clock skew.
 */
export const SERVER_TOKEN_MAX_AGE_SECONDS = 24 * 60 * 60;
export const SERVER_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

/** Checks a REST token's signature and times as Cord does: HS512 only, the age and skew above. */
export function verifyRestToken(token: string, secret: string, refuse: (message: string) => ApiError): void {
  try {
    verifyJwt(token, secret, {
      algorithms: ['HS512'],
      maxAge: `${SERVER_TOKEN_MAX_AGE_SECONDS}s`,
      clockTolerance: SERVER_TOKEN_CLOCK_TOLERANCE_SECONDS,
    });
  } catch (error) {
    if (error instanceof JwtRefusal) throw refuse(error.message);
    throw error;
  }
}

const invalidProjectToken = (message: string) => new ApiError(401, 'invalid_project_token', message);

/**
 * Checks `Authorization: Bearer <server auth token>` as Cord does: a JWT whose payload
 * names only the project, signed with the project's secret with HS512 (the only algorithm
 * Cord takes here, where client tokens may also be HS256), issued at most a day ago and not
 * expired, with 30 s of clock tolerance. A client auth token is refused: it would let a
 * browser act as the server. Otherwise each refusal is Cord's, in Cord's order and words (a
 * customer's project-management token is refused for naming no project).
 */
export function verifyServerAuthToken(header: string | undefined, project: LocalProject): void {
  const token = bearerToken(header);
  const payload = decodeJwt(token)?.payload;
  if (payload === undefined) throw invalidProjectToken(PAYLOAD_NOT_AN_OBJECT);
  if ('user_id' in payload) {
    throw invalidProjectToken(
      'This is a client auth token (it has a user_id). The REST API takes a server auth token, ' +
        'from getServerAuthToken(projectId, secret).',
    );
  }
  const projectId: unknown = payload.app_id || payload.project_id;
  if (!projectId) {
    throw invalidProjectToken(
      'Please include the project_id if you are authorizing directly with a non-Cord signed token.',
    );
  }
  if (typeof projectId !== 'string' || !isUuid(projectId)) {
    throw invalidProjectToken('Input type for project_id is not valid, expected UUID.');
  }
  if (Object.keys(payload).some((claim) => !SERVER_TOKEN_CLAIMS.has(claim))) {
    throw invalidProjectToken('Authorization token payload invalid, must contain only project_id.');
  }
  if (projectId !== project.id) throw new ApiError(401, 'project_not_found', 'Platform project not found.');
  verifyRestToken(token, project.secret, invalidProjectToken);
}
