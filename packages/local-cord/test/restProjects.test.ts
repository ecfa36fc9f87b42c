// Cord's project-management API on a real local Cord (/v1/projects, signed with the
// customer's keys through the real @cord-sdk/server), the customer token's checks, the
// project's settings kept in the SQLite file across a restart, the webhook address taking
// effect, and the experimental permissions' 418.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getProjectManagementAuthToken, getServerAuthToken } from '@cord-sdk/server';
import { LOCAL_CORD_PROJECT_NAME } from '@cord-tutorial/stack-config';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import {
  CUSTOMER,
  freePort,
  memberToken,
  PROJECT,
  projectManagementCall,
  Receiver,
  restCall,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';

type Json = Record<string, unknown>;

const running: LocalCord[] = [];
const receivers: Receiver[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const cord of running.splice(0)) await stopServer(cord);
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startCord(...args: Parameters<typeof startThrowawayLocalCord>) {
  const cord = await startThrowawayLocalCord(...args);
  running.push(cord);
  return cord;
}

async function startReceiver(statuses: number[] = []) {
  const receiver = await Receiver.start(statuses);
  receivers.push(receiver);
  return receiver;
}

function databaseFile() {
  const folder = mkdtempSync(join(tmpdir(), 'local-cord-projects-'));
  folders.push(folder);
  return join(folder, 'cord.db');
}

const manage = <T = Json>(
  cord: LocalCord,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  endpoint: string,
  body?: object,
) => projectManagementCall<T>(cord, method, endpoint, body);

async function withToken(cord: LocalCord, endpoint: string, authorization: string | undefined, method = 'GET') {
  const response = await fetch(`${cord.url}/v1/${endpoint}`, {
    method,
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** A token signed with HS512 (unless told otherwise), expiring in a minute unless its claims say when. */
const customerToken = (payload: object, options: jwt.SignOptions = { expiresIn: '1 min' }, secret = CUSTOMER.secret) =>
  jwt.sign(payload, secret, { algorithm: 'HS512', ...options });

const UNKNOWN_PROJECT = '00000000-0000-4000-8000-000000000000';
const REFER = '\nRefer to https://docs.cord.com/rest-apis/applications/';
const invalidUpdate = (lines: string) => ({
  status: 400,
  body: { error: 'invalid_request', message: `Invalid UpdateApplicationVariables:\n${lines}.${REFER}` },
});

describe('GET /v1/projects', () => {
  it("lists local Cord's one project in Cord's ProjectData shape, also under /v1/applications", async () => {
    const cord = await startCord();
    const project = {
      id: PROJECT.id,
      secret: PROJECT.secret,
      name: LOCAL_CORD_PROJECT_NAME,
      iconURL: null,
      eventWebhookURL: null,
      redirectURI: null,
      emailSettings: { name: null, imageURL: null, sender: null, logoConfig: null, enableEmailNotifications: true },
      createdTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    };
    const listed = await manage<Json[]>(cord, 'GET', 'projects');
    expect(listed).toEqual({ status: 200, body: [project] });
    expect(Object.keys(listed.body[0]!)).toEqual(Object.keys(project));
    expect(await manage(cord, 'GET', `projects/${PROJECT.id}`)).toEqual({ status: 200, body: project });
    expect(await manage(cord, 'GET', 'applications')).toEqual({ status: 200, body: [project] });
    expect(await manage(cord, 'GET', `applications/${PROJECT.id}`)).toEqual({ status: 200, body: project });
  });

  it("refuses another project's id, and an id that is not a UUID, in Cord's words", async () => {
    const cord = await startCord();
    expect(await manage(cord, 'GET', `projects/${UNKNOWN_PROJECT}`)).toEqual({
      status: 401,
      body: { error: 'project_not_found', message: `Project ${UNKNOWN_PROJECT} not found.` },
    });
    expect(await manage(cord, 'GET', 'projects/my-project')).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'Project ID is invalid' },
    });
    expect(await manage(cord, 'PUT', `projects/${UNKNOWN_PROJECT}`, { name: 'X' })).toMatchObject({
      status: 401,
      body: { error: 'project_not_found' },
    });
  });
});

describe("the customer's token", () => {
  const refusedAs = (message: string) => ({ status: 401, body: { error: 'invalid_customer_token', message } });

  it('is refused without a header, without Bearer, and when it is not a JWT, with Cord’s texts', async () => {
    const cord = await startCord();
    expect(await withToken(cord, 'projects', undefined)).toEqual({
      status: 401,
      body: { error: 'missing_authorization_header', message: 'Authorization header bearer token must be present.' },
    });
    expect(await withToken(cord, 'projects', 'Basic YWRhOnB3')).toEqual({
      status: 401,
      body: { error: 'invalid_authorization_header', message: 'Expecting a token with a Bearer prefix.' },
    });
    expect(await withToken(cord, 'projects', 'Bearer not-a-jwt')).toEqual({
      status: 401,
      body: {
        error: 'invalid_authorization_header',
        message: 'Input type for authorization header bearer token is not valid, expected JWT.',
      },
    });
  });

  it("is refused when it is the project's server token, or names no customer, another kind, or another customer", async () => {
    const cord = await startCord();
    const bearer = (token: string) => withToken(cord, 'projects', `Bearer ${token}`);
    expect(await bearer(getServerAuthToken(PROJECT.id, PROJECT.secret))).toEqual(
      refusedAs(
        'Project management auth tokens must include a customer_id field.  Refer to ' +
          'https://docs.cord.com/reference/authentication#Project-management-auth-token for more details.',
      ),
    );
    expect(await bearer(customerToken({ customer_id: 'acme' }))).toEqual(
      refusedAs('Input type for customer_id is not valid, expected UUID.'),
    );
    expect(await bearer(customerToken({ customer_id: CUSTOMER.id, app_id: PROJECT.id }))).toEqual(
      refusedAs('Authorization token payload invalid, must contain only customer_id.'),
    );
    expect(await bearer(getProjectManagementAuthToken(UNKNOWN_PROJECT, CUSTOMER.secret))).toEqual(
      refusedAs('Invalid customer token.'),
    );
  });

  it('is checked as Cord checks it: its secret, HS512 only, not expired, at most a day old with 30 s of tolerance', async () => {
    const cord = await startCord();
    const bearer = (token: string) => withToken(cord, 'projects', `Bearer ${token}`);
    const claims = { customer_id: CUSTOMER.id };
    expect(await bearer(customerToken(claims, undefined, 'another-secret'))).toEqual(
      refusedAs('JsonWebTokenError: invalid signature'),
    );
    expect(await bearer(customerToken(claims, { algorithm: 'HS256', expiresIn: '1 min' }))).toEqual(
      refusedAs('JsonWebTokenError: invalid algorithm'),
    );
    const now = Math.floor(Date.now() / 1000);
    expect(await bearer(customerToken({ ...claims, exp: now - 60 }, {}))).toEqual(
      refusedAs('TokenExpiredError: jwt expired'),
    );
    const issuedAt = (iat: number) => customerToken({ ...claims, iat }, {});
    const day = 24 * 60 * 60;
    expect(await bearer(issuedAt(now - day - 30 - 5))).toEqual(refusedAs('TokenExpiredError: maxAge exceeded'));
    expect((await bearer(issuedAt(now - day - 30 + 5))).status).toBe(200);
  });

  it("does not open the project's data, where Cord asks for a project token", async () => {
    const cord = await startCord();
    const token = getProjectManagementAuthToken(CUSTOMER.id, CUSTOMER.secret);
    expect(await withToken(cord, 'users', `Bearer ${token}`)).toEqual({
      status: 401,
      body: {
        error: 'invalid_project_token',
        message: 'Please include the project_id if you are authorizing directly with a non-Cord signed token.',
      },
    });
    const both = customerToken(
      { customer_id: CUSTOMER.id, app_id: PROJECT.id },
      { expiresIn: '1 min' },
      PROJECT.secret,
    );
    expect(await withToken(cord, 'users', `Bearer ${both}`)).toEqual({
      status: 401,
      body: {
        error: 'invalid_project_token',
        message: 'Authorization token payload invalid, must contain only project_id.',
      },
    });
  });
});

describe('PUT /v1/projects/<id>', () => {
  it("renames the project and sets its icon and redirect link, and says so in Cord's words", async () => {
    const cord = await startCord();
    const change = { name: 'Starpotter', iconURL: 'https://example.com/icon.png', redirectURI: 'https://x/{threadID}' };
    expect(await manage(cord, 'PUT', `projects/${PROJECT.id}`, change)).toEqual({
      status: 200,
      body: { success: true, message: `✅ You successfully updated project ${PROJECT.id}` },
    });
    expect((await manage(cord, 'GET', `projects/${PROJECT.id}`)).body).toMatchObject(change);
    // What is not given stays; null clears.
    await manage(cord, 'PUT', `applications/${PROJECT.id}`, { iconURL: null });
    expect((await manage(cord, 'GET', `projects/${PROJECT.id}`)).body).toMatchObject({ ...change, iconURL: null });
  });

  it('merges e-mail settings as Cord did: a default sender and logo size, rounded sizes, what is not given kept', async () => {
    const cord = await startCord();
    const settings = async () => ((await manage(cord, 'GET', 'projects')).body as unknown as Json[])[0]!.emailSettings;
    await manage(cord, 'PUT', `projects/${PROJECT.id}`, { emailSettings: { name: 'Notifications' } });
    expect(await settings()).toEqual({
      name: 'Notifications',
      imageURL: null,
      sender: 'localcorddevelopmentproject-notifications@cord.fyi',
      logoConfig: { width: 140 },
      enableEmailNotifications: true,
    });
    await manage(cord, 'PUT', `projects/${PROJECT.id}`, {
      emailSettings: { sender: 'team@example.com', logoConfig: { height: 99.6 }, enableEmailNotifications: false },
    });
    await manage(cord, 'PUT', `projects/${PROJECT.id}`, { name: 'Renamed' });
    expect(await settings()).toEqual({
      name: 'Notifications',
      imageURL: null,
      sender: 'team@example.com',
      logoConfig: { height: 100 },
      enableEmailNotifications: false,
    });
  });

  it("refuses bad fields with Cord's validation texts and changes nothing", async () => {
    const cord = await startCord();
    const put = (body: unknown) =>
      fetch(`${cord.url}/v1/projects/${PROJECT.id}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${getProjectManagementAuthToken(CUSTOMER.id, CUSTOMER.secret)}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));

    expect(await put(['bar'])).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: `Invalid UpdateApplicationVariables:\nExpected JSON object.${REFER}` },
    });
    expect(await put({ name: '' })).toEqual(invalidUpdate('Input "" for name must NOT have fewer than 1 characters'));
    expect(await put({ name: 1 })).toEqual(invalidUpdate('Input 1 for name must be type string'));
    expect(await put({ iconURL: 'not a url' })).toEqual(
      invalidUpdate('Input "not a url" for iconURL must match format "uri"'),
    );
    expect(await put({ emailSettings: { logoConfig: { width: 500 } } })).toEqual(
      invalidUpdate('Input {"width":500} for emailSettings/logoConfig must match one of: object, object, null'),
    );
    expect(await put({ emailSettings: { sender: 'nobody' } })).toEqual(
      invalidUpdate('Input "nobody" for emailSettings/sender must match format "email"'),
    );
    expect(await put({ secret: 'mine', name: 'X' })).toEqual(
      invalidUpdate('Input {"secret":"mine","name":"X"} has unexpected field: secret'),
    );
    expect((await manage(cord, 'GET', `projects/${PROJECT.id}`)).body).toMatchObject({ name: LOCAL_CORD_PROJECT_NAME });
  });

  it("checks a new events webhook address as Cord did, then posts the project's events there", async () => {
    const cord = await startCord(undefined, { webhook: { retryDelayMs: () => 20 } });
    const receiver = await startReceiver();
    expect(await manage(cord, 'PUT', `projects/${PROJECT.id}`, { eventWebhookURL: receiver.url })).toMatchObject({
      status: 200,
    });
    const [check] = await receiver.of('url-verification');
    expect(JSON.parse(check!.body)).toMatchObject({ type: 'url-verification', projectID: PROJECT.id });
    expect((await manage(cord, 'GET', 'projects')).body).toMatchObject([{ eventWebhookURL: receiver.url }]);

    const { client } = await signIn(cord, memberToken('severus', 'hogwarts'));
    await client.ok(sendBody('t1', 'm1', 'Owls at noon'));
    const [event] = await receiver.of('thread-message-added');
    expect(JSON.parse(event!.body)).toMatchObject({ event: { threadID: 't1', messageID: 'm1' } });
  });

  it('keeps the old address when the new one fails the check, with Cord’s text', async () => {
    const cord = await startCord();
    const failing = await startReceiver([500]);
    const nowhere = `http://127.0.0.1:${await freePort()}/events`;
    const seeDocs = ' For more information see: https://docs.cord.com/reference/events-webhook/events/url-verification';

    expect(await manage(cord, 'PUT', `projects/${PROJECT.id}`, { eventWebhookURL: failing.url })).toEqual({
      status: 400,
      body: {
        error: 'webhook_url_not_verified',
        message: `Request to '${failing.url}' failed with status 500 but status 200 expected.${seeDocs}`,
      },
    });
    expect(await manage(cord, 'PUT', `projects/${PROJECT.id}`, { eventWebhookURL: nowhere, name: 'X' })).toEqual({
      status: 400,
      body: { error: 'webhook_url_not_verified', message: `Cannot verify webhook URL '${nowhere}'.${seeDocs}` },
    });
    expect((await manage(cord, 'GET', 'projects')).body).toMatchObject([
      { eventWebhookURL: null, name: LOCAL_CORD_PROJECT_NAME },
    ]);
  });
});

describe("the project's settings in the SQLite file", () => {
  it('survive a restart, and the webhook address set through the API is the one used after it', async () => {
    const file = databaseFile();
    const receiver = await startReceiver();
    const first = await startCord(file);
    const change = { name: 'Kept', redirectURI: 'https://example.com/r', eventWebhookURL: receiver.url };
    expect((await manage(first, 'PUT', `projects/${PROJECT.id}`, change)).status).toBe(200);
    const before = (await manage(first, 'GET', `projects/${PROJECT.id}`)).body;
    await stopServer(running.pop()!);

    const second = await startCord(file);
    expect((await manage(second, 'GET', `projects/${PROJECT.id}`)).body).toEqual({ ...before, ...change });
    // One check from the PUT, one at the second start.
    expect(await receiver.of('url-verification', 2)).toHaveLength(2);
  });

  it("takes LOCAL_CORD_WEBHOOK_URL's address at start over the one saved before", async () => {
    const file = databaseFile();
    const saved = await startReceiver();
    const fromEnvironment = await startReceiver();
    const first = await startCord(file);
    await manage(first, 'PUT', `projects/${PROJECT.id}`, { eventWebhookURL: saved.url });
    await stopServer(running.pop()!);

    const second = await startCord(file, { webhook: { url: fromEnvironment.url } });
    expect((await manage(second, 'GET', 'projects')).body).toMatchObject([{ eventWebhookURL: fromEnvironment.url }]);
  });
});

describe('POST and DELETE /v1/projects', () => {
  const single = { status: 403, body: { error: 'local_cord_single_project' } };

  it('are refused: local Cord serves one project, and the error says what to do instead', async () => {
    const cord = await startCord();
    const created = await manage(cord, 'POST', 'projects', { name: 'Another' });
    expect(created).toMatchObject(single);
    expect(created.body.message).toMatch(/^Local Cord serves one project, [-0-9a-f]{36}, and cannot create another\./);

    const deleted = await manage(cord, 'DELETE', `projects/${PROJECT.id}`, { secret: PROJECT.secret });
    expect(deleted).toMatchObject(single);
    expect(deleted.body.message).toContain('pnpm --filter @cord-tutorial/local-cord reset');
    expect(await manage(cord, 'DELETE', `applications/${PROJECT.id}`, { secret: PROJECT.secret })).toMatchObject(
      single,
    );
    expect((await manage<Json[]>(cord, 'GET', 'projects')).body).toHaveLength(1);
  });

  it("checks a delete as Cord did before refusing it: the body, the id, the project's secret", async () => {
    const cord = await startCord();
    expect(await manage(cord, 'DELETE', `projects/${PROJECT.id}`)).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        message: `Invalid DeleteApplicationVariables:\nInput {} requires field: secret.${REFER}`,
      },
    });
    expect(await manage(cord, 'DELETE', `projects/${PROJECT.id}`, { secret: 'wrong' })).toEqual({
      status: 401,
      body: { error: 'project_not_found', message: `Project ${PROJECT.id} not found.` },
    });
    const projectToken = `Bearer ${getServerAuthToken(PROJECT.id, PROJECT.secret)}`;
    expect(await withToken(cord, 'projects', projectToken, 'POST')).toMatchObject({
      status: 401,
      body: { error: 'invalid_customer_token' },
    });
  });
});

describe('/v1/experimental/permissions', () => {
  const NOT_YET = {
    status: 418,
    body: {
      error: 'invalid_request',
      message: "Permissions aren't available yet, but we'd love to hear from you if you're this eager to try them out!",
    },
  };

  it("answers as Cord answered every project without its feature flag: 418, Cord's text", async () => {
    const cord = await startCord();
    const rule = { resourceFilter: { id: 't1' }, userFilter: { id: 'ada' }, permission: 'thread:read' };
    expect(await restCall(cord, 'POST', 'experimental/permissions', rule)).toEqual(NOT_YET);
    expect(await restCall(cord, 'DELETE', 'experimental/permissions/rule-1')).toEqual(NOT_YET);
  });

  it("checks the project's token first, as every project route does", async () => {
    const cord = await startCord();
    expect(await withToken(cord, 'experimental/permissions', undefined, 'POST')).toMatchObject({
      status: 401,
      body: { error: 'missing_authorization_header' },
    });
    const customer = `Bearer ${getProjectManagementAuthToken(CUSTOMER.id, CUSTOMER.secret)}`;
    expect(await withToken(cord, 'experimental/permissions/r1', customer, 'DELETE')).toMatchObject({
      status: 401,
      body: { error: 'invalid_project_token' },
    });
  });
});
