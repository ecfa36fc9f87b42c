import { ApiError, type Route } from './common.ts';

// Cord's experimental permission rules (POST /v1/experimental/permissions, DELETE
// /v1/experimental/permissions/<id>). Cord answered them only for projects with its
// GRANULAR_PERMISSIONS feature flag, and every other project with a 418 and the text below;
// local Cord's project has no such flag. Scripts match on the text: it is Cord's, verbatim.

const NOT_AVAILABLE =
  "Permissions aren't available yet, but we'd love to hear from you if you're this eager to try them out!";

const notAvailable = (): never => {
  throw new ApiError(418, 'invalid_request', NOT_AVAILABLE);
};

export const permissionRoutes: readonly Route[] = [
  { method: 'POST', path: 'experimental/permissions', handle: notAvailable },
  { method: 'DELETE', path: 'experimental/permissions/:id', handle: notAvailable },
];
