import { isUuid } from '../../protocol/fields.ts';
import { decodeJwt } from '../auth/jwt.ts';
import { bearerToken, PAYLOAD_NOT_AN_OBJECT } from './bearerToken.ts';
import { ApiError } from './common.ts';
import { verifyRestToken } from './serverAuthToken.ts';

// The token of Cord's project-management API (/v1/projects): a customer's, from
// `getProjectManagementAuthToken(customerId, customerSecret)`, checked as Cord checked it.
// A project's server auth token is refused here, as a customer's is on the project's API.

/** The customer whose keys sign project-management tokens: one, who owns local Cord's project. */
export interface LocalCustomer {
  id: string;
  secret: string;
}

/** Claims that make a token some other kind of token (a client's, a project's). */
const OTHER_KINDS_CLAIMS = ['user_id', 'org_id', 'app_id', 'project_id'];

const invalidCustomerToken = (message = 'Invalid customer token.') =>
  new ApiError(401, 'invalid_customer_token', message);

/**
 * Checks `Authorization: Bearer <token>` for the project-management API: a JWT naming a
 * customer by UUID and nothing else, that customer local Cord's, signed with its secret
 * with HS512, issued at most a day ago and not expired, with 30 s of clock tolerance.
 */
export function verifyCustomerAuthToken(header: string | undefined, customer: LocalCustomer): void {
  const token = bearerToken(header);
  const payload = decodeJwt(token)?.payload;
  if (payload === undefined) throw invalidCustomerToken(PAYLOAD_NOT_AN_OBJECT);
  const customerId = payload.customer_id;
  if (!customerId) {
    throw invalidCustomerToken(
      'Project management auth tokens must include a customer_id field.  Refer to ' +
        'https://docs.cord.com/reference/authentication#Project-management-auth-token for more details.',
    );
  }
  if (typeof customerId !== 'string' || !isUuid(customerId)) {
    throw invalidCustomerToken('Input type for customer_id is not valid, expected UUID.');
  }
  if (OTHER_KINDS_CLAIMS.some((claim) => claim in payload)) {
    throw invalidCustomerToken('Authorization token payload invalid, must contain only customer_id.');
  }
  if (customerId !== customer.id) throw invalidCustomerToken();
  verifyRestToken(token, customer.secret, invalidCustomerToken);
}
