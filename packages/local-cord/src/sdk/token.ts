// The client auth token as the browser reads it: its claims, unverified (local Cord
// verifies it), for the two things the SDK needs before the server answers: whether a
// new token is for the user already signed in, and the group it names.

/** The token's claims, or null when it is not a JWT with a JSON object as payload. */
export function tokenClaims(token: string): Record<string, unknown> | null {
  try {
    const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    // atob gives one character per byte; names and ids may hold any UTF-8.
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Who and what a token is for: its claims without the timestamps, so that two tokens for
 * one user compare equal. Not a JWT: the token itself, which local Cord will refuse.
 */
export function tokenIdentity(token: string): string {
  const claims = tokenClaims(token);
  if (!claims) return token;
  const { iat: _iat, exp: _exp, nbf: _nbf, ...identity } = claims;
  return JSON.stringify(identity);
}

/** The token's group as Cord reads it: `group_id`, else the older `organization_id`, as a string. */
export function tokenGroupId(token: string): string | undefined {
  const claims = tokenClaims(token);
  const group = [claims?.group_id, claims?.organization_id].find(
    (value) => typeof value === 'string' || typeof value === 'number',
  );
  return group === undefined ? undefined : String(group);
}
