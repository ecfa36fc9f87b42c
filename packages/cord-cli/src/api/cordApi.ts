import { getApplicationManagementAuthToken, getServerAuthToken } from '@cord-sdk/server';
import { LOCAL_CORD_CUSTOMER_ID, LOCAL_CORD_PROJECT_ID } from '@cord-tutorial/stack-config';
import type { Connection, Credentials } from '../config/connection.ts';
import { CordCliError, EXIT } from '../errors.ts';

// Cord's REST API as the CLI calls it: a fresh server auth token per call, JSON in and out,
// and every failure turned into an error that says what happened and what to do next.

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** How local Cord is started, for the hint when it does not answer. */
const START_LOCAL_CORD =
  'Start it with `pnpm dev` (or only local Cord: `pnpm --filter @cord-tutorial/local-cord start`).';

/** Error codes that mean the credentials, not the request, are wrong; by whose keys sign the call. */
const HEADER_ERRORS = ['missing_authorization_header', 'invalid_authorization_header'];
const AUTH_ERRORS = {
  project: new Set([...HEADER_ERRORS, 'invalid_project_token', 'project_not_found']),
  // For the customer, project_not_found is about the project the path names.
  customer: new Set([...HEADER_ERRORS, 'invalid_customer_token']),
};

/** What to do next after Cord's common refusals of a request. */
const NEXT_STEP: Record<string, string> = {
  user_not_found:
    'Check the user id with `cord user ls`, or create the user with `cord user create <id> --name <name>`.',
  invalid_user_id: 'Check the user id with `cord user ls`.',
  group_not_found: 'Check the group id with `cord group ls`, or create it with `cord group create <id> --name <name>`.',
  organization_not_found: 'Check the group id with `cord group ls`.',
  user_not_in_organization: 'Add the user to the group with `cord group add-member <groupID> --user <userID>`.',
  thread_not_found: 'Check the thread id with `cord thread ls`; `cord message create` can make it with --createThread.',
  message_not_found: "List the thread's messages with `cord thread get-messages <threadID>`.",
  project_not_found: 'List your projects with `cord project ls`.',
};

export class CordApi {
  constructor(
    private readonly connection: Connection,
    /** The token for each call: a project's server token, or a customer's management token. */
    private readonly token: () => string,
    /** Whose keys sign it, for the hint when Cord refuses them. */
    private readonly signer: 'project' | 'customer' = 'project',
  ) {}

  /** The project's API, as every command but `cord project …` uses it. */
  static forProject(connection: Connection): CordApi {
    const { id, secret } = connection.project;
    return new CordApi(connection, () => getServerAuthToken(id, secret));
  }

  /** The project-management API, with the customer's keys. */
  static forCustomer(connection: Connection, customer: Credentials): CordApi {
    return new CordApi(connection, () => getApplicationManagementAuthToken(customer.id, customer.secret), 'customer');
  }

  get apiUrl(): string {
    return this.connection.apiUrl;
  }

  /** Calls `<api url>/<endpoint>` and returns its JSON answer. */
  async call<T = unknown>(method: Method, endpoint: string, body?: object | FormData): Promise<T> {
    const json = body !== undefined && !(body instanceof FormData);
    const url = `${this.connection.apiUrl}/${endpoint}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.token()}`,
          'X-Cord-Source': 'cli',
          ...(json && { 'Content-Type': 'application/json' }),
        },
        ...(body !== undefined && { body: json ? JSON.stringify(body) : body }),
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    const text = await response.text();
    if (!response.ok) throw this.refusal(method, endpoint, response, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CordCliError(
        `Cord answered ${method} ${url} with ${response.status} but not with JSON: ${text.slice(0, 200)}`,
        EXIT.cordRefused,
        'Is CORD_API_URL the address of a Cord REST API, ending in /v1?',
      );
    }
  }

  private unreachable(error: unknown): CordCliError {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? String(error);
    const hint = this.connection.isLocalCord
      ? `Is local Cord running? ${START_LOCAL_CORD}`
      : 'Check the URL (`cord init`, or CORD_API_URL) and that the server is up.';
    return new CordCliError(`Could not reach Cord at ${this.connection.apiUrl} (${reason}).`, EXIT.unreachable, hint);
  }

  private refusal(method: Method, endpoint: string, response: Response, text: string): CordCliError {
    // Cord's CLI's own wording, so scripts that looked for it still find it.
    const message = `Error making Cord API call: ${response.status} ${response.statusText} ${text}`;
    const code = errorCode(text);
    const where = `${method} /v1/${endpoint.split('?')[0]}`;
    if (response.status === 405 || (response.status === 404 && (code === undefined || code === 'not_found'))) {
      // Local Cord answers an endpoint it lacks with `not_found`, Cord's Express with an HTML page.
      const who = this.connection.isLocalCord ? 'this local Cord' : `the Cord at ${this.connection.apiUrl}`;
      return new CordCliError(
        `${message}\n${where} is not supported by ${who} yet.`,
        EXIT.unsupported,
        this.connection.isLocalCord
          ? 'Local Cord implements part of Cord\'s REST API; see "REST API and inspector" in the README.'
          : 'Is CORD_API_URL right, with /v1 at its end?',
      );
    }
    if (response.status === 401 && code !== undefined && AUTH_ERRORS[this.signer].has(code)) {
      return new CordCliError(message, EXIT.unauthorized, this.credentialsHint());
    }
    return new CordCliError(message, EXIT.cordRefused, code === undefined ? undefined : NEXT_STEP[code]);
  }

  private credentialsHint(): string {
    const { project, projectSource, customer, customerSource, isLocalCord } = this.connection;
    if (this.signer === 'customer') {
      const local = isLocalCord
        ? ` Local Cord's development customer is ${LOCAL_CORD_CUSTOMER_ID}; \`cord init\` sets it up when local Cord is running.`
        : '';
      return `Cord refused customer ${customer?.id} (from ${customerSource}) or its secret. Run \`cord init\`, or set CORD_CUSTOMER_ID and CORD_CUSTOMER_SECRET.${local}`;
    }
    const local = isLocalCord
      ? ` Local Cord's development project is ${LOCAL_CORD_PROJECT_ID}; \`cord init\` sets it up when local Cord is running.`
      : '';
    return `Cord refused project ${project.id} (from ${projectSource}) or its secret. Run \`cord init\`, or set CORD_PROJECT_ID and CORD_PROJECT_SECRET.${local}`;
  }
}

/** Cord's error code (`user_not_found`) from an error answer; undefined when it has none. */
function errorCode(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const code = (body as { error?: unknown } | null)?.error;
    return typeof code === 'string' && /^[a-z_]+$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
