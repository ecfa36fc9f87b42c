// Where Cord would have e-mailed someone about a notification, a real local Cord sends
// nothing and lists the e-mail in its inspector's Outbox: who, subject, text, link; and,
// once Cord's delay is over (short here), whether Cord would have sent it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectorState } from '../src/protocol/inspector.ts';
import type { LocalCord } from '../src/server/index.ts';
import {
  PROJECT,
  projectManagementCall,
  restCall,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
  tokenFor,
} from '../src/testing/index.ts';

// Long enough that a loaded machine reads the outbox before the e-mail is due (it flaked at 150 ms).
const DELAY_MS = 500;
let cord: LocalCord;

beforeEach(async () => {
  cord = await startThrowawayLocalCord(undefined, { emailDelayMs: DELAY_MS });
});
afterEach(() => stopServer(cord));

/** A user with a name and (unless null) an e-mail address, in the group `hogwarts`. */
function join(userId: string, name: string, email: string | null = `${userId}@hogwarts.example`) {
  return signIn(
    cord,
    tokenFor({
      user_id: userId,
      group_id: 'hogwarts',
      user_details: { name, ...(email && { email }) },
      group_details: { name: 'Hogwarts' },
    }),
  );
}

const mention = (userId: string) => ({ type: 'mention', user: { id: userId }, children: [{ text: `@${userId}` }] });
const content = (...children: object[]) => [{ type: 'p', children }] as never;

async function outbox(): Promise<InspectorState['outbox']> {
  return ((await (await fetch(`${cord.url}/inspector/state`)).json()) as InspectorState).outbox;
}

describe('the outbox', () => {
  it('records the e-mail a mention would send, and after the delay that Cord would send it', async () => {
    const severus = await join('severus', 'Severus Snape');
    await join('minerva', 'Minerva McGonagall');
    await severus.client.ok(sendBody('t1', 'm1', 'Agenda'));
    await severus.client.ok(sendBody('t1', 'm2', 'Point one'));
    await severus.client.ok({
      ...sendBody('t1', 'm3', 'x'),
      content: content({ text: 'Over to you, ' }, mention('minerva')),
    });
    const [email] = await outbox();
    expect(email).toMatchObject({
      channel: 'email',
      to: 'Minerva McGonagall <minerva@hogwarts.example>',
      subject: 'Severus Snape mentioned you in Thread t1',
      link: 'http://localhost:5173/',
      status: 'waiting',
      reason: null,
    });
    expect(email!.dueAt - email!.createdAt).toBe(DELAY_MS);
    expect(email!.text.split('\n')).toEqual([
      'Severus Snape mentioned you in Thread t1',
      '',
      'Severus Snape: Agenda',
      'Severus Snape: Point one',
      'Severus Snape: Over to you, @minerva',
      '',
      'Open Thread t1: http://localhost:5173/',
    ]);
    await expect.poll(async () => (await outbox())[0]?.status, { timeout: 5_000 }).toBe('would send');
    expect(await outbox()).toHaveLength(1);
  });

  it('skips the e-mail when the recipient sees the message in time; a self-mention goes anyway', async () => {
    const severus = await join('severus', 'Severus Snape');
    const minerva = await join('minerva', 'Minerva McGonagall');
    await minerva.client.ok(sendBody('t1', 'm1', 'Question'));
    await severus.client.ok({
      ...sendBody('t1', 'm2', 'x'),
      content: content(mention('severus'), { text: ' note to self' }),
    });
    await minerva.client.ok({ type: 'thread.setSeen', threadId: 't1', seen: true });
    await expect
      .poll(async () => (await outbox()).every((email) => email.status !== 'waiting'), { timeout: 5_000 })
      .toBe(true);
    const byRecipient = Object.fromEntries((await outbox()).map((email) => [email.to.split(' ')[0], email]));
    expect(byRecipient.Minerva).toMatchObject({
      subject: 'Severus Snape replied on Thread t1',
      status: 'skipped',
      reason: 'The recipient saw the message before the e-mail was due.',
    });
    expect(byRecipient.Severus).toMatchObject({
      subject: 'Severus Snape mentioned you in Thread t1',
      status: 'would send',
    });
  });

  it('records nothing for reactions, REST notifications or recipients without an address', async () => {
    const severus = await join('severus', 'Severus Snape');
    const minerva = await join('minerva', 'Minerva McGonagall', null);
    await severus.client.ok(sendBody('t1', 'm1', 'Hello'));
    await minerva.client.ok({ type: 'message.update', messageId: 'm1', addReactions: ['👍'] });
    await restCall(cord, 'POST', 'notifications', {
      recipientID: 'severus',
      template: 'Hi',
      url: 'http://x/',
      type: 'url',
    });
    await severus.client.ok({ ...sendBody('t1', 'm2', 'x'), content: content(mention('minerva')) });
    expect(cord.store.notifications.forRecipient('severus')).toHaveLength(2);
    expect(cord.store.notifications.forRecipient('minerva')).toHaveLength(1);
    expect(await outbox()).toEqual([]);
  });

  it("skips at once every e-mail while the project's e-mail settings turn them off", async () => {
    const severus = await join('severus', 'Severus Snape');
    await join('minerva', 'Minerva McGonagall');
    const projectEmails = (on: boolean) =>
      projectManagementCall(cord, 'PUT', `projects/${PROJECT.id}`, { emailSettings: { enableEmailNotifications: on } });
    expect((await projectEmails(false)).status).toBe(200);
    await severus.client.ok({ ...sendBody('t1', 'm1', 'x'), content: content(mention('minerva')) });
    expect((await outbox())[0]).toMatchObject({
      status: 'skipped',
      reason:
        "The project's e-mail settings turn e-mail notifications off (emailSettings.enableEmailNotifications: false).",
    });

    await projectEmails(true);
    await severus.client.ok({ ...sendBody('t1', 'm2', 'y'), content: content(mention('minerva')) });
    expect((await outbox())[0]).toMatchObject({ status: 'waiting' });
  });

  it('skips at once the e-mail to a recipient whose preferences say sendViaEmail: false', async () => {
    const severus = await join('severus', 'Severus Snape');
    await join('minerva', 'Minerva McGonagall');
    const turnEmail = (on: boolean) =>
      restCall(cord, 'PUT', 'users/minerva/preferences', {
        key: 'notification_channels',
        value: { sendViaEmail: on },
      });
    expect((await turnEmail(false)).status).toBe(200);
    await severus.client.ok({ ...sendBody('t1', 'm1', 'x'), content: content(mention('minerva')) });
    const [email] = await outbox();
    expect(email).toMatchObject({
      to: 'Minerva McGonagall <minerva@hogwarts.example>',
      status: 'skipped',
      reason: 'The recipient turned e-mail notifications off (sendViaEmail: false).',
    });
    expect(email!.dueAt).toBe(email!.createdAt);

    await turnEmail(true);
    await severus.client.ok({ ...sendBody('t1', 'm2', 'y'), content: content(mention('minerva')) });
    expect((await outbox())[0]).toMatchObject({ status: 'waiting' });
    await expect.poll(async () => (await outbox())[0]?.status, { timeout: 5_000 }).toBe('would send');
  });

  it('skips the e-mail about a message deleted before it was due', async () => {
    const severus = await join('severus', 'Severus Snape');
    await join('minerva', 'Minerva McGonagall');
    await severus.client.ok({ ...sendBody('t1', 'm1', 'x'), content: content(mention('minerva')) });
    await severus.client.ok({ type: 'message.update', messageId: 'm1', deleted: true });
    await expect.poll(async () => (await outbox())[0]?.status, { timeout: 5_000 }).toBe('skipped');
    expect((await outbox())[0]?.reason).toBe('The message was deleted.');
  });
});

describe("a thread shared by e-mail (Cord's Share via email)", () => {
  it('goes to the address at once, with the thread up to its last message and its link', async () => {
    const severus = await join('severus', 'Severus Snape');
    await severus.client.ok(sendBody('t1', 'm1', 'Agenda'));
    await severus.client.ok(sendBody('t1', 'm2', 'Point one'));
    await severus.client.ok({ type: 'thread.shareToEmail', threadId: 't1', email: 'governors@hogwarts.example' });
    await expect.poll(outbox).toHaveLength(1);
    const [email] = await outbox();
    expect(email).toMatchObject({
      channel: 'email',
      to: 'governors@hogwarts.example',
      subject: 'Severus Snape shared a thread with you: Thread t1',
      link: 'http://localhost:5173/',
      status: 'would send',
      reason: null,
    });
    expect(email!.dueAt).toBe(email!.createdAt);
    expect(email!.text.split('\n')).toEqual([
      'Severus Snape shared a thread with you: Thread t1',
      '',
      'Severus Snape: Agenda',
      'Severus Snape: Point one',
      '',
      'Open Thread t1: http://localhost:5173/',
    ]);
  });

  it("refuses an address that is not one with Cord's text, a thread of another group, and a thread with no message", async () => {
    const severus = await join('severus', 'Severus Snape');
    const draco = await signIn(
      cord,
      tokenFor({
        user_id: 'draco',
        group_id: 'slytherin',
        user_details: { name: 'Draco' },
        group_details: { name: 'Slytherin' },
      }),
    );
    await severus.client.ok(sendBody('t1', 'm1', 'Agenda'));
    const share = (threadId: string, email: string) => ({ type: 'thread.shareToEmail', threadId, email }) as const;
    for (const address of ['nobody', 'a@localhost', 'two@x.example, three@y.example', '']) {
      expect(await severus.client.refused(share('t1', address))).toEqual({
        code: 'invalid_request',
        message: 'Invalid email address.',
      });
    }
    expect(await draco.client.refused(share('t1', 'spy@slytherin.example'))).toEqual({
      code: 'not_found',
      message: 'Thread not found.',
    });
    await severus.client.ok({ type: 'message.update', messageId: 'm1', deleted: true });
    expect(await severus.client.refused(share('t1', 'governors@hogwarts.example'))).toEqual({
      code: 'invalid_request',
      message: 'Unable to share via email',
    });
    expect(await outbox()).toEqual([]);
  });
});
