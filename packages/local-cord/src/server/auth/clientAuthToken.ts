import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { GroupDetails, UserDetails } from '../store/store.ts';

export interface LocalProject {
  id: string;
  secret: string;
}

/** What a verified client auth token says, in Cord's internal shape. */
export interface ClientAuthClaims {
  projectId: string;
  userId: string;
  groupId: string | undefined;
  userDetails: UserDetails | undefined;
  groupDetails: GroupDetails | undefined;
}

/** A token Cord would refuse; `message` is the text Cord puts after "invalid_session - ". */
export class InvalidSessionError extends Error {
  override name = 'InvalidSessionError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const idValue = z.union([z.string().min(1).max(128), z.number()]);
// Shared with the REST API, which takes the same user and group fields as tokens do.
export const entityMetadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const userDetails = z.object({
  name: z.string().nullish(),
  shortName: z.string().nullish(),
  short_name: z.string().nullish(),
  email: z.string().nullish(),
  profilePictureURL: z.string().nullish(),
  profile_picture_url: z.string().nullish(),
  status: z.enum(['active', 'deleted']).optional(),
  metadata: entityMetadata.optional(),
});
export const groupDetails = z.object({
  name: z.string().optional(),
  status: z.enum(['active', 'deleted']).optional(),
  metadata: entityMetadata.optional(),
});
const claimsSchema = z.object({
  project_id: z.string().optional(),
  app_id: z.string().optional(),
  user_id: idValue,
  group_id: idValue.optional(),
  organization_id: idValue.optional(),
  user_details: userDetails.optional(),
  group_details: groupDetails.optional(),
  organization_details: groupDetails.optional(),
});

/**
 * Checks a client auth token the way Cord does: the payload's shape first, then that
 * it names this project, then the signature (HS256 or HS512, no clock leeway).
 */
export function verifyClientAuthToken(token: string, project: LocalProject): ClientAuthClaims {
  const payload: unknown = jwt.decode(token);
  const claims = parseClaims(payload);
  if (claims.projectId !== project.id) {
    throw new InvalidSessionError(`Platform project ${claims.projectId} not found.`);
  }
  try {
    jwt.verify(token, project.secret, { algorithms: ['HS256', 'HS512'] });
  } catch (error) {
    const { name, message } = error as Error;
    throw new InvalidSessionError(`${name}: ${message}`);
  }
  if (claims.groupDetails && claims.groupId === undefined) {
    throw new InvalidSessionError(
      'Specified group_details to create/update a group, but not a group_id to create/update.',
    );
  }
  return claims;
}

function parseClaims(payload: unknown): ClientAuthClaims {
  const invalid = (reason: string) => new InvalidSessionError(`Invalid ClientAuthTokenData: ${reason}`);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw invalid('Expected JSON object.');
  }
  const input = JSON.stringify(payload);
  if (!('project_id' in payload) && !('app_id' in payload)) {
    throw invalid(`Input ${input} requires field: project_id.`);
  }
  if (!('user_id' in payload)) throw invalid(`Input ${input} requires field: user_id.`);

  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`Input ${input} has an invalid field: ${issue?.path.join('.')} (${issue?.message}).`);
  }
  const data = parsed.data;
  const projectId = data.project_id ?? data.app_id ?? '';
  if (!UUID.test(projectId)) throw invalid(`project_id ${JSON.stringify(projectId)} is not a UUID.`);

  const groupId = data.group_id ?? data.organization_id;
  const user = data.user_details;
  const group = data.group_details ?? data.organization_details;
  return {
    projectId,
    userId: String(data.user_id),
    groupId: groupId === undefined ? undefined : String(groupId),
    userDetails: user && toUserDetails(user),
    groupDetails: group && { name: group.name, status: group.status, metadata: group.metadata },
  };
}

/** User fields as the store takes them: snake_case aliases folded in, null meaning unchanged. */
export function toUserDetails(user: z.infer<typeof userDetails>): UserDetails {
  return {
    name: user.name ?? undefined,
    shortName: user.shortName ?? user.short_name ?? undefined,
    // Cord treats an empty e-mail as none.
    email: user.email || undefined,
    profilePictureURL: user.profilePictureURL ?? user.profile_picture_url ?? undefined,
    status: user.status,
    metadata: user.metadata,
  };
}
