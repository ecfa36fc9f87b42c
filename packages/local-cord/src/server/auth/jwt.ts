import jwt from 'jsonwebtoken';

// The one place local Cord reads and checks JWTs: client auth tokens from browsers,
// server auth tokens from a customer's server.

/** A token that failed its check; the message is jsonwebtoken's, as Cord reports it. */
export class JwtRefusal extends Error {
  override name = 'JwtRefusal';
}

export interface DecodedJwt {
  algorithm: string;
  payload: Record<string, unknown>;
}

/** The token's header algorithm and payload, unverified; undefined if it is not a JWT with an object payload. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object' || decoded.payload === null) return undefined;
  return { algorithm: decoded.header.alg, payload: decoded.payload as Record<string, unknown> };
}

export interface VerifyOptions {
  algorithms: jwt.Algorithm[];
  /** Oldest `iat` accepted, e.g. '1d'; unset: any age. */
  maxAge?: string | undefined;
  /** Seconds of clock skew forgiven on `exp`, `nbf` and `iat`. */
  clockTolerance?: number | undefined;
}

/**
 * Checks the signature and times, or throws a JwtRefusal saying why in Cord's words,
 * e.g. `TokenExpiredError: jwt expired`.
 */
export function verifyJwt(token: string, secret: string, options: VerifyOptions): void {
  try {
    jwt.verify(token, secret, options);
  } catch (error) {
    const { name, message } = error as Error;
    throw new JwtRefusal(`${name}: ${message}`);
  }
}
