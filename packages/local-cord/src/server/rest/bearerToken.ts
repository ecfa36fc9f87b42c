import { ApiError } from './common.ts';

// The bearer token of a REST request, taken out of its header as Cord took it, for the
// project's API and the project-management API alike, with Cord's refusals.

/** validator.js's isJWT, which Cord ran: three dot-separated base64url parts (the last may be empty). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const unauthorized = (code: string, message: string) => new ApiError(401, code, message);

/** Cord's text for a token whose payload is not a JSON object (the same for both kinds of token). */
export const PAYLOAD_NOT_AN_OBJECT = 'Input type for Authorization token is not valid, expected object.';

/** The token of `Authorization: Bearer <token>`, or Cord's 401. */
export function bearerToken(header: string | undefined): string {
  if (!header) {
    throw unauthorized('missing_authorization_header', 'Authorization header bearer token must be present.');
  }
  if (!header.startsWith('Bearer')) {
    throw unauthorized('invalid_authorization_header', 'Expecting a token with a Bearer prefix.');
  }
  const token = header.replace('Bearer ', '').trim();
  if (!JWT_SHAPE.test(token)) {
    throw unauthorized(
      'invalid_authorization_header',
      'Input type for authorization header bearer token is not valid, expected JWT.',
    );
  }
  return token;
}
