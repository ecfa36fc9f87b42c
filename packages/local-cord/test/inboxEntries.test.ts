// The inbox's entries from the viewer's notifications (Cord's CoreNotificationData): one per
// thread, unread while any of its notifications is, newest activity first.
import type { CoreNotificationData } from '@cord-sdk/types';
import { describe, expect, it } from 'vitest';
import { inboxEntries } from '../src/sdk/elements/inboxEntries.ts';

function notification(
  id: string,
  at: number,
  about: { threadId: string; as?: 'message' | 'thread' } | { url: string } | null,
  readStatus: 'read' | 'unread' = 'unread',
): CoreNotificationData {
  let attachment: CoreNotificationData['attachment'] = null;
  if (about && 'url' in about) attachment = { type: 'url', url: about.url };
  else if (about?.as === 'thread') {
    attachment = { type: 'thread', thread: { id: about.threadId } as never };
  } else if (about) {
    attachment = { type: 'message', messageID: `m-${id}`, threadID: about.threadId, message: {} as never };
  }
  return {
    id,
    senderUserIDs: [],
    iconUrl: null,
    header: [{ type: 'text', text: id, bold: false }],
    headerTranslation: null,
    attachment,
    readStatus,
    timestamp: new Date(at),
    extraClassnames: null,
    metadata: {},
  };
}

describe("the inbox's entries", () => {
  it('gather the notifications of one thread, whether about its messages or itself, newest activity first', () => {
    const entries = inboxEntries([
      notification('reply', 100, { threadId: 't1' }, 'read'),
      notification('mention', 300, { threadId: 't2' }),
      notification('reaction', 200, { threadId: 't1' }),
      notification('resolved', 50, { threadId: 't1', as: 'thread' }, 'read'),
    ]);
    expect(entries.map((entry) => [entry.threadId, entry.notifications.map((n) => n.id), entry.unread])).toEqual([
      ['t2', ['mention'], true],
      ['t1', ['reply', 'reaction', 'resolved'], true],
    ]);
  });

  it('are read only when every notification of the thread is, and keep notifications about no thread apart', () => {
    const entries = inboxEntries([
      notification('a', 10, { threadId: 't1' }, 'read'),
      notification('b', 20, { threadId: 't1' }, 'read'),
      notification('link', 30, { url: 'https://example.com' }),
      notification('bare', 5, null, 'read'),
    ]);
    expect(entries.map((entry) => [entry.threadId, entry.notifications.map((n) => n.id), entry.unread])).toEqual([
      [null, ['link'], true],
      ['t1', ['a', 'b'], false],
      [null, ['bare'], false],
    ]);
  });
});
