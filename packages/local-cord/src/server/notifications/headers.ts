import type { NotificationData, NotificationHeaderNode, UserData } from '../../protocol/views.ts';
import type { NotificationRecord } from '../../store/store.ts';

// A notification's header ("Minerva Halleck mentioned you in Planning"), as Cord words it in
// English, and the key of the same sentence in Cord's `notification_templates` strings.

type Header = Pick<NotificationData, 'header' | 'headerTranslation'>;

const text = (value: string, bold = false): NotificationHeaderNode => ({ type: 'text', text: value, bold });
const user = (shown: UserData): NotificationHeaderNode => ({ type: 'user', userID: shown.id, user: shown });

/** `senders`: who caused it, newest first (at least one, except for a REST notification without actor). */
export function headerOf(
  newest: NotificationRecord,
  senders: readonly UserData[],
  recipient: UserData,
  threadName: string,
): Header {
  const [first, second] = senders;
  if (newest.type === 'url')
    return { header: templateHeader(newest.template, first, recipient), headerTranslation: null };
  if (!first) throw new Error(`notification ${newest.id} has no sender`);
  const translated = (key: string, parameters: Record<string, string | number>, header: NotificationHeaderNode[]) => ({
    header,
    headerTranslation: { key: `cord.${key}`, parameters: { ...parameters, senders: [...senders] } },
  });
  switch (newest.type) {
    case 'reply': {
      const [key, phrase] = replyPhrase(newest.replyActions);
      return translated(key, { threadName }, [user(first), text(phrase), text(threadName, true)]);
    }
    case 'thread_action': {
      const resolved = newest.action === 'resolve';
      const [key, phrase] = resolved
        ? ['thread_resolve', ' resolved the thread ']
        : ['thread_unresolve', ' reopened the thread '];
      return translated(key, { threadName }, [user(first), text(phrase), text(threadName, true)]);
    }
    case 'reaction': {
      const reacted = text(` reacted ${newest.reaction} to your message`);
      const reaction = newest.reaction;
      if (!second) return translated('reaction_single', { reaction }, [user(first), reacted]);
      if (senders.length === 2) {
        return translated('reaction_double', { reaction }, [user(first), text(' and ', true), user(second), reacted]);
      }
      const count = senders.length - 1;
      return translated('reaction_overflow', { reaction, count }, [
        user(first),
        text(` and ${count} others`, true),
        reacted,
      ]);
    }
  }
}

/** The reply's sentence by Cord's precedence: a mention (with a file), a new thread, else a reply. */
function replyPhrase(actions: readonly string[]): [key: string, phrase: string] {
  if (actions.includes('mention')) {
    return actions.includes('attach-file')
      ? ['reply_mention_attachment', ' mentioned you and sent you a file in ']
      : ['reply_mention', ' mentioned you in '];
  }
  if (actions.includes('create-thread')) return ['thread_create', ' created a new thread named '];
  return ['reply', ' replied on '];
}

/** `{{actor}}` and `{{recipient}}` (spaces allowed inside the braces) as users; the rest as plain text. */
const PLACEHOLDER = /({{ *(?:actor|recipient) *}})/;

/** Whether a REST template names the actor, which then must exist. */
export function templateNamesActor(template: string): boolean {
  return /{{ *actor *}}/.test(template);
}

function templateHeader(template: string, actor: UserData | undefined, recipient: UserData): NotificationHeaderNode[] {
  return template
    .split(PLACEHOLDER)
    .filter((part) => part !== '')
    .map((part) => {
      if (!PLACEHOLDER.test(part)) return text(part);
      // Creating the notification refused a template naming an actor it did not have.
      return user(part.includes('actor') && actor ? actor : recipient);
    });
}

/** The header as one line of plain text, e.g. for an e-mail's subject. */
export function headerText(header: readonly NotificationHeaderNode[]): string {
  return header.map((node) => (node.type === 'text' ? node.text : node.user.displayName)).join('');
}
