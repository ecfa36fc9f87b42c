// Every `cord` command against a real local Cord (in-process, on a free port): its JSON
// output, what reached local Cord, and its errors and exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalCord } from '@cord-tutorial/local-cord';
import type { ServerEvent } from '@cord-tutorial/local-cord/protocol';
import {
  CUSTOMER,
  freePort,
  memberToken,
  PROJECT,
  pngBytes,
  Receiver,
  sendBody,
  signIn,
} from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_NAME } from '@cord-tutorial/stack-config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { type CordRun, envFor, runIn, startCordAndConfig, type TempConfig } from './support.ts';

let cord: LocalCord;
let config: TempConfig;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ cord, config, stop } = await startCordAndConfig());
});
afterEach(() => stop());

const run = (...argv: string[]) => runIn(argv, { env: envFor(cord, config.path) });

/** A run that must succeed; its JSON. */
async function ok<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
  const result = await run(...argv);
  if (result.code !== 0) throw new Error(`cord ${argv.join(' ')} failed (${result.code}):\n${result.stderr}`);
  expect(result.stderr).toBe('');
  return result.json<T>();
}

/** What a refused run must look like: nothing on stdout, the code, and stderr matching. */
function expectFailure(result: CordRun, code: number, stderr: RegExp) {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
  expect(result.stderr).toMatch(stderr);
}

/** The guide's step 8: a user in a group. */
async function guideUserInGroup() {
  await ok('user', 'create', 'cordymccordface', '--name', 'Cordy McCordface', '--email', 'your@email.here');
  await ok('group', 'create', 'my-first-group', '--name', 'my first cord group');
  await ok('group', 'add-member', 'my-first-group', '--user', 'cordymccordface');
}

/** Someone's entry in a presence watch's answer. */
type PresenceView = Extract<ServerEvent, { type: 'presence' }>['users'][number];

const NEW_THREAD = JSON.stringify({
  groupID: 'my-first-group',
  name: 'T',
  url: 'http://localhost/',
  location: { page: 'p' },
});

describe('cord user', () => {
  it('creates, updates, reads and lists users, printing local Cord answers as JSON', async () => {
    expect(await ok('user', 'create', 'ada', '--name', 'Ada', '--email', 'ada@example.com')).toEqual({
      success: true,
      message: '✅ You successfully created user ada',
    });
    await ok('group', 'create', 'red', '--name', 'Red');
    await ok('group', 'create', 'blue', '--name', 'Blue');
    expect(
      await ok(
        'user',
        'update',
        'ada',
        '--short-name',
        'A',
        '--profilePicture',
        'https://example.com/a.png',
        '--metadata',
        '{"level":3}',
        '--status',
        'active',
        '--addGroup',
        'red',
        '--addGroup',
        'blue',
      ),
    ).toEqual({ success: true, message: '✅ You successfully updated user ada' });

    expect(await ok('user', 'get', 'ada')).toMatchObject({
      id: 'ada',
      name: 'Ada',
      shortName: 'A',
      email: 'ada@example.com',
      profilePictureURL: 'https://example.com/a.png',
      metadata: { level: 3 },
      groups: ['blue', 'red'],
    });
    await ok('user', 'update', 'ada', '--removeGroup', 'red');
    expect(cord.store.groups.groupIdsOf('ada')).toEqual(['blue']);

    await ok('user', 'create', 'bob', '--name', 'Bob');
    const page = await ok<{ users: { id: string }[]; pagination: { token: string } }>('user', 'ls', '--limit', '1');
    expect(page.users.map((user) => user.id)).toEqual(['ada']);
    const next = await ok<{ users: { id: string }[] }>('user', 'ls', '--token', page.pagination.token);
    expect(next.users.map((user) => user.id)).toEqual(['bob']);
    const filtered = await ok<{ users: { id: string }[] }>('user', 'ls', '--filter', '{"metadata":{"level":3}}');
    expect(filtered.users.map((user) => user.id)).toEqual(['ada']);
  });

  it('says what to do about an unknown user', async () => {
    expectFailure(
      await run('user', 'get', 'nobody'),
      EXIT.cordRefused,
      /^Error making Cord API call: 404 Not Found \{"error":"user_not_found".*\nHint: .*cord user create/,
    );
  });

  it('refuses bad flag values before calling Cord', async () => {
    expectFailure(await run('user', 'create', 'ada', '--status', 'gone'), EXIT.usage, /Invalid values:\n.*status/);
    expectFailure(
      await run('user', 'create', 'ada', '--metadata', '{oops'),
      EXIT.usage,
      /--metadata is not valid JSON/,
    );
    expectFailure(
      await run('user', 'create', 'ada', '--name', 'A', '--name', 'B'),
      EXIT.usage,
      /--name was given more than once/,
    );
    expectFailure(await run('user', 'create', 'ada', '--profile-picture-url', 'x'), EXIT.usage, /Unknown argument/);
    expect(cord.store.users.exists('ada')).toBe(false);
  });

  it("deletes a user for good, and passes on Cord's refusal without --permanentlyDelete true", async () => {
    await ok('user', 'create', 'ada', '--name', 'Ada');
    expectFailure(
      await run('user', 'delete', 'ada'),
      EXIT.cordRefused,
      /^Error making Cord API call: 400 Bad Request \{"error":"invalid_request","message":"Invalid DeleteUserVariables:\\nInput \{\} requires field: permanently_delete/,
    );
    expect(await ok('user', 'delete', 'ada', '--permanentlyDelete', 'true')).toEqual({
      success: true,
      message: 'User deleted.',
      userID: 'ada',
      failedDeletionFileIDs: [],
    });
    expect(cord.store.users.exists('ada')).toBe(false);
    expectFailure(
      await run('user', 'delete', 'ada', '--permanentlyDelete', 'true'),
      EXIT.cordRefused,
      /401 Unauthorized \{"error":"invalid_user_id","message":"Invalid user id: ada\."\}/,
    );
  });

  it('update-presence: the user arrives where a browser watches, moves, and leaves', async () => {
    await guideUserInGroup();
    const { client: watcher } = await signIn(cord, memberToken('yaketyyak', 'my-first-group'));
    await watcher.ok({ type: 'presence.watch', watchId: 'w', location: { page: 'p' } });
    /** The next answer of the watch in which Cordy's entry passes the test. */
    const cordySeen = async (test: (entry: PresenceView | undefined) => boolean, what: string) => {
      const seen = (event: ServerEvent) =>
        event.type === 'presence' && test(event.users.find((entry) => entry.user.id === 'cordymccordface'));
      const event = await watcher.next(seen, what);
      return event.type === 'presence' ? event.users.find((entry) => entry.user.id === 'cordymccordface') : undefined;
    };
    const presence = ['user', 'update-presence', 'cordymccordface', '--groupId', 'my-first-group'];

    expect(await ok(...presence, '--location', '{"page":"p","part":"a"}', '--exclusiveWithin', '{"page":"p"}')).toEqual(
      { success: true, message: '✅ You successfully updated user cordymccordface presence' },
    );
    expect(await cordySeen((entry) => entry?.present === true, 'arrival')).toMatchObject({
      locations: [{ page: 'p', part: 'a' }],
    });
    await ok(...presence, '--location', '{"page":"p","part":"b"}', '--exclusive-within', '{"page":"p"}');
    expect(await cordySeen((entry) => entry?.locations[0]?.part === 'b', 'the move')).toMatchObject({
      locations: [{ page: 'p', part: 'b' }],
    });
    await ok(...presence, '--location', '{"page":"p","part":"b"}', '--absent', 'true');
    expect(await cordySeen((entry) => entry === undefined, 'departure')).toBeUndefined();
    await ok(...presence, '--location', '{"page":"p"}', '--durable', 'true');
    expect(await cordySeen((entry) => entry !== undefined, 'the visit')).toMatchObject({ present: false });
  });

  it('update-presence: refusals exit non-zero with the reason and what to do', async () => {
    await guideUserInGroup();
    await ok('user', 'create', 'eve', '--name', 'Eve');
    const presence = (id: string, ...flags: string[]) =>
      run('user', 'update-presence', id, '--groupId', 'my-first-group', '--location', '{"page":"p"}', ...flags);
    const outsider = await presence('eve');
    expectFailure(outsider, EXIT.cordRefused, /401 Unauthorized \{"error":"user_not_in_organization"/);
    expect(outsider.stderr).toContain('cord group add-member <groupID> --user <userID>');
    expectFailure(await presence('nobody'), EXIT.cordRefused, /"error":"user_not_found"/);
    expectFailure(
      await presence('cordymccordface', '--durable', 'true', '--absent', 'true'),
      EXIT.cordRefused,
      /400 Bad Request \{"error":"invalid_request","message":"Cannot remove durable presence"\}/,
    );
    expectFailure(
      await run('user', 'update-presence', 'eve', '--groupId', 'g', '--location', '{page}'),
      EXIT.usage,
      /--location is not valid JSON/,
    );
    expect(cord.store.presence.visibleIn(['my-first-group'])).toEqual([]);
  });

  it('ls-preferences and update-preferences read and change notification_channels', async () => {
    await guideUserInGroup();
    const channels = (sendViaSlack: boolean, sendViaEmail: boolean) => ({
      notification_channels: { sendViaSlack, sendViaEmail },
    });
    expect(await ok('user', 'ls-preferences', 'cordymccordface')).toEqual(channels(true, true));
    expect(
      await ok(
        'user',
        'update-preferences',
        'cordymccordface',
        '--key',
        'notification_channels',
        '--value',
        '{"sendViaEmail":false}',
      ),
    ).toEqual({ success: true, message: '✅ You successfully updated user cordymccordface preferences' });
    expect(await ok('user', 'ls-preferences', 'cordymccordface')).toEqual(channels(true, false));
    expect(cord.store.preferences.notificationChannels('cordymccordface')).toEqual({
      sendViaSlack: true,
      sendViaEmail: false,
    });

    expectFailure(await run('user', 'ls-preferences', 'nobody'), EXIT.cordRefused, /"error":"user_not_found"/);
    const update = (id: string, value: string) =>
      run('user', 'update-preferences', id, '--key', 'notification_channels', '--value', value);
    expectFailure(await update('nobody', '{"sendViaEmail":true}'), EXIT.cordRefused, /"error":"user_not_found"/);
    expectFailure(
      await update('cordymccordface', '{"sendViaEmail":"yes"}'),
      EXIT.cordRefused,
      /Input \\"yes\\" for value\/sendViaEmail must be type boolean/,
    );
    expectFailure(
      await run('user', 'update-preferences', 'cordymccordface', '--key', 'theme', '--value', '{}'),
      EXIT.usage,
      /Invalid values:/,
    );
    expect(await ok('user', 'ls-preferences', 'cordymccordface')).toEqual(channels(true, false));
  });
});

describe('cord group', () => {
  it("runs the guide's step 8, and reads, lists and updates groups and members", async () => {
    await guideUserInGroup();
    await ok('user', 'create', 'yaketyyak', '--name', 'Yakety Yak');
    await ok('org', 'add-member', 'my-first-group', '--user', 'yaketyyak');

    expect(await ok('group', 'get', 'my-first-group')).toEqual({
      id: 'my-first-group',
      name: 'my first cord group',
      status: 'active',
      connectedToSlack: false,
      metadata: {},
      members: ['cordymccordface', 'yaketyyak'],
    });
    expect(await ok('organization', 'ls')).toEqual([expect.objectContaining({ id: 'my-first-group' })]);
    const members = await ok<{ users: { id: string }[]; pagination: Record<string, unknown> }>(
      'group',
      'get-members',
      'my-first-group',
      '--limit',
      '1',
    );
    expect(members.users.map((user) => user.id)).toEqual(['cordymccordface']);
    expect(members.pagination).toMatchObject({ total: 2, token: expect.any(String) });

    expect(await ok('group', 'remove-member', 'my-first-group', '--user', 'yaketyyak')).toMatchObject({
      success: true,
    });
    await ok('group', 'update', 'my-first-group', '--metadata', '{"plan":"free"}', '--members', '["yaketyyak"]');
    expect(cord.store.groups.record('my-first-group')).toMatchObject({
      name: 'my first cord group',
      metadata: { plan: 'free' },
      memberIds: ['yaketyyak'],
    });
  });

  it('needs a name to create a group, and says how to create a missing one', async () => {
    expectFailure(await run('group', 'create', 'g'), EXIT.usage, /Missing required argument: name/);
    await ok('user', 'create', 'ada', '--name', 'Ada');
    expectFailure(
      await run('group', 'add-member', 'nowhere', '--user', 'ada'),
      EXIT.cordRefused,
      /group_not_found.*\nHint: .*cord group create/,
    );
  });

  it('deletes a group, keeping its users', async () => {
    await guideUserInGroup();
    expect(await ok('group', 'delete', 'my-first-group')).toEqual({
      success: true,
      message: '✅ You successfully deleted group my-first-group',
    });
    expect(cord.store.groups.exists('my-first-group')).toBe(false);
    expect(cord.store.users.exists('cordymccordface')).toBe(true);
    expectFailure(
      await run('group', 'delete', 'my-first-group'),
      EXIT.cordRefused,
      /401 Unauthorized \{"error":"group_not_found","message":"Platform group not found\."\}/,
    );
  });
});

describe('cord thread and cord message', () => {
  beforeEach(guideUserInGroup);

  it('creates a thread, posts markdown with a mention, and reads both back', async () => {
    const created = await ok(
      'thread',
      'create',
      't1',
      '--name',
      'Launch',
      '--url',
      'http://localhost:5173/',
      '--group-id',
      'my-first-group',
      '--location',
      '{"page":"launch"}',
    );
    expect(created).toEqual({ success: true, message: 'Thread created.', threadID: 't1' });

    const posted = await ok(
      'message',
      'create',
      'm1',
      '--thread-id',
      't1',
      '--author-id',
      'cordymccordface',
      '--markdownContent',
      'Ready **now**, <@cordymccordface>?',
    );
    expect(posted).toEqual({ success: true, message: 'Message created.', messageID: 'm1' });
    // Local Cord keeps the content the markdown became, mention and marks included.
    expect(cord.store.messages.get('m1')?.content).toEqual([
      {
        type: 'p',
        children: [
          { text: 'Ready ' },
          { text: 'now', bold: true },
          { text: ', ' },
          { type: 'mention', user: { id: 'cordymccordface' }, children: [{ text: '@cordymccordface' }] },
          { text: '?' },
        ],
      },
    ]);
    expect(cord.store.messages.get('m1')?.plaintext).toBe('Ready now, @cordymccordface?');

    expect(await ok('message', 'get', 'm1', '--threadID', 't1')).toMatchObject({ id: 'm1', threadID: 't1' });
    expect(await ok('thread', 'get', 't1')).toMatchObject({ id: 't1', name: 'Launch', total: 1 });
    const listed = await ok<{ threads: { id: string }[] }>('thread', 'ls');
    expect(listed.threads.map((thread) => thread.id)).toEqual(['t1']);

    await ok(
      'message',
      'create',
      'm2',
      '--threadId',
      't1',
      '--authorID',
      'cordymccordface',
      '--content',
      '[{"type":"p","children":[{"text":"JSON"}]}]',
    );
    const oldestFirst = await ok<{ id: string }[]>('thread', 'get-messages', 't1', '--sortDirection', 'ascending');
    expect(oldestFirst.map((message) => message.id)).toEqual(['m1', 'm2']);
    const newestFirst = await ok<{ id: string }[]>('thread', 'get-messages', 't1');
    expect(newestFirst.map((message) => message.id)).toEqual(['m2', 'm1']);
  });

  it('creates the thread with its first message when given --createThread', async () => {
    await ok(
      'message',
      'create',
      '--threadID',
      'new',
      '--authorID',
      'cordymccordface',
      '--markdownContent',
      'hi',
      '--createThread',
      NEW_THREAD,
    );
    expect(cord.store.threads.get('new')).toMatchObject({ groupId: 'my-first-group', name: 'T' });
  });

  it("refuses a message without content, in Cord's words, and says what to do about a missing thread", async () => {
    expectFailure(
      await run('message', 'create', '--threadID', 't1', '--authorID', 'cordymccordface'),
      EXIT.usage,
      /You need to provide either content or markdownContent/,
    );
    expectFailure(
      await run('message', 'create', '--threadID', 'nope', '--authorID', 'cordymccordface', '--markdownContent', 'x'),
      EXIT.cordRefused,
      /thread_not_found.*\nHint: .*--createThread/,
    );
    expectFailure(
      await run('thread', 'create', '--name', 'x', '--groupID', 'g', '--location', '{}'),
      EXIT.usage,
      /Missing required argument: url/,
    );
  });

  it('updates, lists and deletes messages, and updates and deletes threads', async () => {
    const post = (id: string, markdown: string) =>
      ok(
        'message',
        'create',
        id,
        '--threadID',
        't1',
        '--authorID',
        'cordymccordface',
        '--markdownContent',
        markdown,
        '--createThread',
        NEW_THREAD,
      );
    await post('m1', 'first');
    await post('m2', 'second');

    expect(
      await ok(
        'message',
        'update',
        'm1',
        '--threadID',
        't1',
        '--markdownContent',
        '**edited**',
        '--metadata',
        '{"v":2}',
      ),
    ).toEqual({ success: true, message: '✅ You successfully updated message m1' });
    expect(cord.store.messages.get('m1')).toMatchObject({
      content: [{ type: 'p', children: [{ text: 'edited', bold: true }] }],
      metadata: { v: 2 },
      editedAt: expect.any(Number),
    });

    const page = await ok<{ messages: { id: string }[]; pagination: { token: string; total: number } }>(
      'message',
      'ls',
      '--limit',
      '1',
    );
    expect(page.messages.map((message) => message.id)).toEqual(['m1']);
    expect(page.pagination.total).toBe(2);
    const next = await ok<{ messages: { id: string }[] }>('message', 'ls', '--token', page.pagination.token);
    expect(next.messages.map((message) => message.id)).toEqual(['m2']);

    expect(await ok('message', 'delete', 'm2', '--threadID', 't1')).toEqual({
      success: true,
      message: '💀 You successfully deleted message m2',
    });
    expect(cord.store.messages.get('m2')).toBeUndefined();

    expect(
      await ok('thread', 'update', 't1', '--name', 'Launch', '--resolved', 'true', '--userID', 'cordymccordface'),
    ).toEqual({ success: true, message: '✅ You successfully updated thread t1' });
    expect(await ok('thread', 'get', 't1')).toMatchObject({ name: 'Launch', resolved: true, actionMessages: 1 });

    expect(await ok('thread', 'delete', 't1')).toEqual({
      success: true,
      message: '💀 You successfully deleted thread t1',
    });
    expect(cord.store.threads.get('t1')).toBeUndefined();
    expectFailure(
      await run('thread', 'delete', 't1'),
      EXIT.cordRefused,
      /404 Not Found \{"error":"thread_not_found","message":"Thread not found\."\}/,
    );
  });
});

describe('cord notification', () => {
  it('creates, lists and deletes notifications', async () => {
    await guideUserInGroup();
    await ok('user', 'create', 'ada', '--name', 'Ada');
    const created = await ok<{ notificationID: string }>(
      'notification',
      'create',
      '--recipientID',
      'cordymccordface',
      '--actorID',
      'ada',
      '--template',
      '{{actor}} waved',
      '--url',
      'http://localhost/wave',
      '--type',
      'url',
      '--metadata',
      '{"kind":"wave"}',
    );
    expect(created).toEqual({ success: true, message: 'Notification created.', notificationID: expect.any(String) });
    const listed = await ok<Array<{ id: string; header: unknown[] }>>('notification', 'ls', 'cordymccordface');
    expect(listed.map(({ id }) => id)).toEqual([created.notificationID]);
    expect(listed[0]!.header).toEqual([
      expect.objectContaining({ type: 'user', userID: 'ada' }),
      { type: 'text', text: ' waved', bold: false },
    ]);
    expect(await ok('notification', 'ls', 'cordymccordface', '--filter', '{"metadata":{"kind":"other"}}')).toEqual([]);
    expect(await ok('notification', 'delete', created.notificationID)).toEqual({
      success: true,
      message: `💀 You successfully deleted notification ${created.notificationID}`,
    });
    expect(await ok('notification', 'ls', 'cordymccordface')).toEqual([]);
  });

  it("passes on local Cord's refusals", async () => {
    const create = [
      'notification',
      'create',
      '--recipientID',
      'ghost',
      '--template',
      'x',
      '--url',
      'http://x/',
      '--type',
      'url',
    ];
    expectFailure(
      await run(...create),
      EXIT.cordRefused,
      /401 .*"invalid_user_id".*Invalid recipient user id: ghost\./,
    );
    expectFailure(await run('notification', 'delete', 'n1'), EXIT.cordRefused, /404 .*"notification_not_found"/);
  });
});

describe('cord file and permission', () => {
  const NOT_YET =
    "Permissions aren't available yet, but we'd love to hear from you if you're this eager to try them out!";

  it.each([
    [['permission', 'create', '--permission', 'read', '--userID', 'ada'], 'POST'],
    [['permission', 'delete', 'r1'], 'DELETE'],
  ])("%j: Cord's 418 for a project without its permissions flag, printed, exit 1", async (argv) => {
    const result = await run(...argv);
    expectFailure(result, EXIT.cordRefused, /^Error making Cord API call: 418 I'm a Teapot /);
    expect(result.stderr).toContain(JSON.stringify({ error: 'invalid_request', message: NOT_YET }));
  });

  it('uploads a file that a message by its owner then carries', async () => {
    await guideUserInGroup();
    const picture = join(dirname(config.path), 'owl.png');
    writeFileSync(picture, pngBytes());
    const uploaded = await ok<{ fileID: string }>('file', 'upload', '--file', picture, '--ownerID', 'cordymccordface');
    expect(uploaded).toEqual({
      success: true,
      message: '✅ File created.',
      fileID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(cord.store.files.get(uploaded.fileID)).toMatchObject({ name: 'owl.png', mimeType: 'image/png', size: 70 });

    const attachments = JSON.stringify([{ type: 'file', id: uploaded.fileID }]);
    await ok(
      'message',
      'create',
      'm2',
      '--threadID',
      't2',
      '--authorID',
      'cordymccordface',
      '--markdownContent',
      'an owl',
      '--createThread',
      NEW_THREAD,
      '--addAttachments',
      attachments,
    );
    expect(await ok('message', 'get', 'm2', '--threadID', 't2')).toMatchObject({
      attachments: [{ type: 'file', id: `cord:${uploaded.fileID}`, name: 'owl.png', uploadStatus: 'uploaded' }],
    });

    expectFailure(
      await run('file', 'upload', '--file', picture, '--ownerID', 'cordymccordface', '--name', 'owl.bat'),
      EXIT.cordRefused,
      /file_name_not_allowed.*Cannot upload file named owl\.bat/,
    );
    expectFailure(
      await run('file', 'upload', '--file', picture, '--ownerID', 'nobody'),
      EXIT.cordRefused,
      /invalid_user_id/,
    );
  });

  it('refuses a file it cannot read before calling Cord', async () => {
    expectFailure(
      await run('file', 'upload', '--file', '/no/such/file.txt', '--ownerID', 'ada'),
      EXIT.usage,
      /Cannot read --file .*ENOENT/,
    );
  });
});

describe('cord project', () => {
  const projectId = () => PROJECT.id;

  it("lists and reads local Cord's one project with the customer's keys, under each of Cord's names", async () => {
    const listed = await ok<Array<Record<string, unknown>>>('project', 'ls');
    expect(listed).toEqual([
      expect.objectContaining({ id: projectId(), secret: PROJECT.secret, name: LOCAL_CORD_PROJECT_NAME }),
    ]);
    expect(await ok('app', 'get', projectId())).toEqual(listed[0]);
    expect(await ok('application', 'which')).toEqual(listed[0]);
  });

  it('updates it, with effect: the events go to the new webhook address', async () => {
    const receiver = await Receiver.start();
    try {
      const id = projectId();
      expect(await ok('project', 'update', id, '--name', 'Owlery', '--eventWebhookUrl', receiver.url)).toEqual({
        success: true,
        message: `✅ You successfully updated project ${id}`,
      });
      expect(await ok('project', 'get', id)).toMatchObject({ name: 'Owlery', eventWebhookURL: receiver.url });
      await ok('project', 'update', id, '--emailSettings', '{"enableEmailNotifications":false}');
      expect(cord.store.projects.get(id)?.emailSettings.enableEmailNotifications).toBe(false);

      const { client } = await signIn(cord, memberToken('severus', 'hogwarts'));
      await client.ok(sendBody('t1', 'm1', 'Owls'));
      expect(await receiver.of('thread-message-added')).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('selects the project the other commands use, writing its keys to the settings file', async () => {
    const selected = await runIn(['project', 'select'], { env: envFor(cord, config.path), answers: ['1'] });
    expect(selected).toMatchObject({ code: 0, stderr: '' });
    expect(selected.stdout).toContain(`1. ${LOCAL_CORD_PROJECT_NAME} (${PROJECT.id})\n`);
    expect(selected.stdout).toContain(`"You are now querying within ${LOCAL_CORD_PROJECT_NAME}"`);
    expect(readFileSync(config.path, 'utf8')).toBe(
      `CORD_PROJECT_ID=${PROJECT.id}\nCORD_PROJECT_SECRET=${PROJECT.secret}\n`,
    );
  });

  it("prints Cord's refusal of a bad field or another project, exit 1", async () => {
    expectFailure(
      await run('project', 'update', projectId(), '--iconUrl', 'not a url'),
      EXIT.cordRefused,
      /400 .*Input \\"not a url\\" for iconURL must match format \\"uri\\"/,
    );
    const other = '00000000-0000-4000-8000-000000000000';
    const result = await run('project', 'get', other);
    expectFailure(result, EXIT.cordRefused, new RegExp(`401 .*"project_not_found".*Project ${other} not found\\.`));
    expect(result.stderr).toContain('Hint: List your projects with `cord project ls`.');
  });

  it("prints local Cord's refusal to create or delete a project, saying what to do instead, exit 1", async () => {
    expectFailure(
      await run('project', 'create', '--name', 'Another'),
      EXIT.cordRefused,
      /403 .*"local_cord_single_project".*cannot create another/,
    );
    const asked = await runIn(['project', 'delete', projectId()], {
      env: envFor(cord, config.path),
      answers: [PROJECT.secret],
    });
    expect(asked.code).toBe(EXIT.cordRefused);
    expect(asked.stderr).toMatch(/403 .*cannot delete it.*local-cord reset/);
    expectFailure(await run('app', 'delete', projectId(), '--force'), EXIT.cordRefused, /403 .*cannot delete it/);
    expect(await ok<unknown[]>('project', 'ls')).toHaveLength(1);
  });

  it("exits 4 when local Cord refuses the customer's keys, with what to do", async () => {
    const wrongSecret = { ...envFor(cord, config.path), CORD_CUSTOMER_SECRET: 'wrong' };
    const result = await runIn(['project', 'ls'], { env: wrongSecret });
    expectFailure(result, EXIT.unauthorized, /401 .*"invalid_customer_token".*invalid signature/);
    expect(result.stderr).toContain(
      `Hint: Cord refused customer ${CUSTOMER.id} (from CORD_CUSTOMER_ID and CORD_CUSTOMER_SECRET)`,
    );
  });

  it("still needs the customer's keys, in Cord's words, for a Cord that is not local Cord", async () => {
    const { CORD_CUSTOMER_ID: _id, CORD_CUSTOMER_SECRET: _secret, ...env } = envFor(cord, config.path);
    const elsewhere = { ...env, CORD_API_URL: 'https://cord.example.com/v1' };
    expectFailure(
      await runIn(['project', 'ls'], { env: elsewhere }),
      EXIT.usage,
      /Missing CORD_CUSTOMER_ID or CORD_CUSTOMER_SECRET/,
    );
  });
});

describe('cord client-auth-token', () => {
  it('prints a token local Cord signs the user in with', async () => {
    await guideUserInGroup();
    const result = await run('client-auth-token', 'cordymccordface', '--expires', '10 min');
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    const { viewer } = await signIn(cord, token);
    expect(viewer).toMatchObject({ id: 'cordymccordface', name: 'Cordy McCordface' });
  });

  it('refuses an expiry jsonwebtoken cannot read', async () => {
    expectFailure(await run('clientAuthToken', 'ada', '--expires', 'soonish'), EXIT.usage, /--expires soonish/);
  });
});

describe('cord curl', () => {
  it("runs curl with the project's server token and prints its JSON", async () => {
    await ok('group', 'create', 'g', '--name', 'G');
    const result = await run('curl', '--', `${cord.url}/v1/groups`);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual([expect.objectContaining({ id: 'g' })]);
  });

  it('prints an error answer too (curl succeeded), and fails when curl cannot connect', async () => {
    const refused = await run('curl', '--', `${cord.url}/v1/users/nobody`);
    expect(refused).toMatchObject({ code: 0 });
    expect(refused.json()).toMatchObject({ error: 'user_not_found' });
    const unreachable = await run('curl', '--', `http://127.0.0.1:${await freePort()}/v1/groups`);
    expect(unreachable.code).toBe(EXIT.unreachable);
  });
});
