import { z } from 'zod';
import { externalId, groupDetails, isUuid, profileFromDetails, userDetails } from '../../protocol/fields.ts';
import { fieldPath } from '../../protocol/validation.ts';
import type { GroupDetails, UserDetails } from '../../store/store.ts';
import { decodeJwt, JwtRefusal, verifyJwt } from './jwt.ts';

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

const claimsSchema = z.object({
  project_id: z.string().optional(),
  app_id: z.string().optional(),
  user_id: externalId,
  group_id: externalId.optional(),
  organization_id: externalId.optional(),
  user_details: userDetails.optional(),
  group_details: groupDetails.optional(),
  organization_details: groupDetails.optional(),
});

/**
 * Checks a client auth token the way Cord does: the payload's shape first, then that
 * it names this project, then the signature (HS256 or HS512, no clock leeway).
 */
export function verifyClientAuthToken(token: string, project: LocalProject): ClientAuthClaims {
  const claims = parseClaims(decodeJwt(token)?.payload);
  if (claims.projectId !== project.id) {
    throw new InvalidSessionError(`Platform project ${claims.projectId} not found.`);
  }
  try {
    verifyJwt(token, project.secret, { algorithms: ['HS256', 'HS512'] });
  } catch (error) {
    if (error instanceof JwtRefusal) throw new InvalidSessionError(error.message);
    throw error;
  }
  if (claims.groupDetails && claims.groupId === undefined) {
    throw new InvalidSessionError(
      'Specified group_details to create/update a group, but not a group_id to create/update.',
    );
  }
  return claims;
}

function parseClaims(payload: Record<string, unknown> | undefined): ClientAuthClaims {
  const invalid = (reason: string) => new InvalidSessionError(`Invalid ClientAuthTokenData: ${reason}`);
  if (payload === undefined || Array.isArray(payload)) throw invalid('Expected JSON object.');
  const input = JSON.stringify(payload);
  if (!('project_id' in payload) && !('app_id' in payload)) {
    throw invalid(`Input ${input} requires field: project_id.`);
  }
  if (!('user_id' in payload)) throw invalid(`Input ${input} requires field: user_id.`);

  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`Input ${input} has an invalid field: ${fieldPath(issue?.path ?? [])} (${issue?.message}).`);
  }
  const data = parsed.data;
  const projectId = data.project_id ?? data.app_id ?? '';
  if (!isUuid(projectId)) throw invalid(`project_id ${JSON.stringify(projectId)} is not a UUID.`);

  const groupId = data.group_id ?? data.organization_id;
  const user = data.user_details;
  const group = data.group_details ?? data.organization_details;
  return {
    projectId,
    userId: String(data.user_id),
    groupId: groupId === undefined ? undefined : String(groupId),
    userDetails: user && profileFromDetails(user),
    groupDetails: group && { name: group.name, status: group.status, metadata: group.metadata },
  };
}
