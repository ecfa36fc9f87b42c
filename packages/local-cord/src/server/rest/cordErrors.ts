import { ApiError } from './common.ts';

// Cord's catalogue of REST errors: each code with its status and default text, exactly as
// Cord sends them (several "not found" errors are 401 there, not 404). Handlers often
// give a text of their own; the status always comes from here.

const CATALOGUE = {
  group_not_found: [401, 'Platform group not found.'],
  organization_not_found: [401, 'Platform organization not found.'],
  user_not_found: [401, 'Platform user not found.'],
  user_not_in_organization: [401, 'The user is not a member of the oranization.'],
  invalid_user_id: [401, 'Invalid user id'],
  invalid_request: [400, 'Invalid request.'],
  invalid_field: [400, 'Invalid field type.'],
  thread_already_exists: [409, 'Thread already exists.'],
  thread_not_found: [404, 'Thread not found.'],
  message_already_exists: [409, 'Message already exists.'],
  message_not_found: [404, 'Message not found.'],
  message_not_appendable: [
    400,
    'The request references a message that can not support appending. It must contain a markdown node only.',
  ],
  file_not_found: [404, 'File not found.'],
} as const satisfies Record<string, readonly [number, string]>;

export type CordErrorCode = keyof typeof CATALOGUE;

/** Cord's error of this code, with its default text unless given another. */
export function cordError(code: CordErrorCode, message?: string): ApiError {
  const [status, text] = CATALOGUE[code];
  return new ApiError(status, code, message ?? text);
}
