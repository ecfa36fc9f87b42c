// Cord's events webhook from a real local Cord to a real HTTP receiver on loopback: every
// request checked with the real `validateWebhookSignature` and `parseWebhookBody` of
// @cord-sdk/server; retries after failures (with a short backoff given as an option);
// each delivery and its answers in the inspector's state.
import { parseWebhookBody, validateWebhookSignature } from '@cord-sdk/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageContent } from '../src/protocol/content.ts';
import type { InspectorState } from '../src/protocol/inspector.ts';
import type { LocalCord, WebhookType } from '../src/server/index.ts';
import {
  freePort,
  memberToken,
  PROJECT,
  type Received,
  Receiver,
  restCall,
  sendBody,
  signIn,
  startThrowawayLocalCord,
  stopServer,
} from '../src/testing/index.ts';

const started: Array<{ cord: LocalCord; receiver?: Receiver }> = [];
afterEach(async () => {
  for (const { cord, receiver } of started.splice(0)) {
    await stopServer(cord);
    await receiver?.close();
  }
});

/** Retries come 20 ms apart here instead of Cord's 5·n² seconds. */
async function cordSendingTo(url: string, events: WebhookType[] = ['thread-message-added', 'notification-created']) {
  const cord = await startThrowawayLocalCord(undefined, { webhook: { url, events, retryDelayMs: () => 20 } });
  return cord;
}

/** The body, after checking the request as a receiver written against Cord checks it. */
function verified(request: Received) {
  validateWebhookSignature(request.body, request.timestamp, request.signature, PROJECT.secret);
  expect(request.contentType).toBe('application/json');
  return parseWebhookBody(request.body) as unknown as Record<string, unknown> & { event: Record<string, unknown> };
}

async function inspectorState(cord: LocalCord): Promise<InspectorState> {
  return (await fetch(`${cord.url}/inspector/state`)).json() as Promise<InspectorState>;
}

const mentionContent = (userId: string) =>
  [
    {
      type: 'p',
      children: [{ text: 'Look, ' }, { type: 'mention', user: { id: userId }, children: [{ text: '@M' }] }],
    },
  ] as MessageContent;

describe('webhook events', () => {
  it('verifies the address at start, signed as Cord signs', async () => {
    const receiver = await Receiver.start();
    const cord = await cordSendingTo(receiver.url);
    started.push({ cord, receiver });
    const [request] = await receiver.of('url-verification');
    const body = verified(request!);
    expect(body).toEqual({
      type: 'url-verification',
      applicationID: PROJECT.id,
      projectID: PROJECT.id,
      timestamp: request!.timestamp,
      event: { message: 'Please respond with a HTTP 200 status code.' },
      message: 'Please respond with a HTTP 200 status code.',
    });
    // Stable JSON: keys sorted, no spaces, the timestamp in milliseconds.
    expect(request!.body.startsWith('{"applicationID":')).toBe(true);
    expect(request!.body).not.toMatch(/": /);
    expect(Math.abs(Number(request!.timestamp) - Date.now())).toBeLessThan(5_000);
    // A changed byte, or another secret, fails the check a receiver makes.
    expect(() =>
      validateWebhookSignature(`${request!.body} `, request!.timestamp, request!.signature, PROJECT.secret),
    ).toThrow('Unable to verify webhook signature');
    expect(() => validateWebhookSignature(request!.body, request!.timestamp, request!.signature, 'other')).toThrow(
      'Unable to verify webhook signature',
    );
  });

  it('posts thread-message-added with who it notified, and notification-created for each notification', async () => {
    const receiver = await Receiver.start();
    const cord = await cordSendingTo(receiver.url);
    started.push({ cord, receiver });
    await signIn(cord, memberToken('minerva', 'hogwarts', 'Minerva'));
    const { client } = await signIn(cord, memberToken('severus', 'hogwarts', 'Severus'));
    await client.ok({ ...sendBody('t1', 'm1', 'x'), content: mentionContent('minerva') });

    const added = verified((await receiver.of('thread-message-added'))[0]!);
    expect(added.event).toMatchObject({
      messageID: 'm1',
      threadID: 't1',
      groupID: 'hogwarts',
      orgID: 'hogwarts',
      projectID: PROJECT.id,
      author: { id: 'severus', displayName: 'Severus' },
      plaintext: 'Look, @M',
      messageType: 'user_message',
      url: 'http://localhost:5173/',
      message: { id: 'm1', threadID: 't1', author: { id: 'severus' }, createdTimestamp: expect.any(String) },
      thread: { id: 't1', name: 'Thread t1', groupID: 'hogwarts', userMessages: 1 },
      usersToNotify: [
        expect.objectContaining({ id: 'minerva', displayName: 'Minerva', replyActions: ['mention', 'create-thread'] }),
      ],
    });
    // The deprecated copy of the event's keys at the top.
    expect(added.messageID).toBe('m1');

    const created = verified((await receiver.of('notification-created'))[0]!);
    expect(created.event).toMatchObject({
      recipientUserID: 'minerva',
      senderUserIDs: ['severus'],
      headerTranslation: { key: 'cord.reply_mention' },
      attachment: { type: 'message', messageID: 'm1', threadID: 't1' },
      readStatus: 'unread',
    });
    // Cord's quirk: the event's ISO timestamp wins over the envelope's at the top.
    expect(created.timestamp).toBe(created.event.timestamp);
    expect(created.timestamp).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    // Messages posted through the REST API and resolving fire it too.
    await restCall(cord, 'POST', 'threads/t1/messages', { id: 'm2', authorID: 'minerva', text: 'Via REST' });
    await client.ok({ type: 'thread.update', threadId: 't1', resolved: true });
    const all = (await receiver.of('thread-message-added', 3)).map((request) => verified(request).event);
    expect(all.map((event) => event.messageType)).toEqual(['user_message', 'user_message', 'action_message']);
    expect(all[2]!.usersToNotify).toEqual([expect.objectContaining({ id: 'minerva', replyActions: null })]);
  });

  it('sends only the events the address wants', async () => {
    const receiver = await Receiver.start();
    const cord = await cordSendingTo(receiver.url, ['notification-created']);
    started.push({ cord, receiver });
    await signIn(cord, memberToken('minerva', 'hogwarts'));
    const { client } = await signIn(cord, memberToken('severus', 'hogwarts'));
    await client.ok({ ...sendBody('t1', 'm1', 'x'), content: mentionContent('minerva') });
    await receiver.of('notification-created');
    await client.ok(sendBody('t1', 'm2', 'no mention'));
    await restCall(cord, 'POST', 'notifications', {
      recipientID: 'severus',
      template: 'Hi',
      url: 'http://x/',
      type: 'url',
    });
    await receiver.of('notification-created', 3);
    expect(receiver.requests.map((request) => JSON.parse(request.body).type).sort()).toEqual([
      'notification-created',
      'notification-created',
      'notification-created',
      'url-verification',
    ]);
  });

  it('retries a failed delivery, signing each attempt afresh, and lists every answer in the inspector', async () => {
    // The verification gets its 200 at once; the event fails twice, then gets through.
    const receiver = await Receiver.start([200, 500, 503]);
    const cord = await cordSendingTo(receiver.url, ['notification-created']);
    started.push({ cord, receiver });
    await receiver.of('url-verification');
    await restCall(cord, 'POST', 'batch', {
      users: [{ id: 'ada', name: 'Ada' }],
      groups: [{ id: 'g', name: 'G', members: ['ada'] }],
    });
    await restCall(cord, 'POST', 'notifications', {
      recipientID: 'ada',
      template: 'Hi',
      url: 'http://x/',
      type: 'url',
    });

    const attempts = await receiver.of('notification-created', 3);
    for (const attempt of attempts) verified(attempt);
    expect(new Set(attempts.map((attempt) => attempt.signature)).size).toBe(3);
    await expect.poll(async () => (await inspectorState(cord)).webhooks[0]?.state).toBe('delivered');
    const [delivery] = (await inspectorState(cord)).webhooks;
    expect(delivery).toMatchObject({ type: 'notification-created', url: receiver.url, nextAttemptAt: null });
    expect(delivery!.attempts.map(({ status, answer }) => [status, answer])).toEqual([
      [500, 'try again'],
      [503, 'try again'],
      [200, 'thanks'],
    ]);
    expect((await inspectorState(cord)).webhookUrl).toBe(receiver.url);
    expect(receiver.requests).toHaveLength(4);
  });

  it("gives up after Cord's six attempts, also when nothing listens", async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}/events`;
    const cord = await cordSendingTo(nowhere);
    started.push({ cord });
    await expect.poll(async () => (await inspectorState(cord)).webhooks[0]?.state, { timeout: 5_000 }).toBe('failed');
    const [delivery] = (await inspectorState(cord)).webhooks;
    expect(delivery).toMatchObject({ type: 'url-verification', url: nowhere });
    expect(delivery!.attempts).toHaveLength(6);
    expect(delivery!.attempts.every(({ status, answer }) => status === null && answer === 'ECONNREFUSED')).toBe(true);
  });

  it('sends nothing without an address', async () => {
    const cord = await startThrowawayLocalCord();
    started.push({ cord });
    const { client } = await signIn(cord, memberToken('severus', 'hogwarts'));
    await client.ok(sendBody('t1', 'm1', 'x'));
    const state = await inspectorState(cord);
    expect(state.webhookUrl).toBeNull();
    expect(state.webhooks).toEqual([]);
  });
});
