import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { ThreadData, UserData } from '../../protocol/views.ts';
import { i18n } from '../runtime.ts';
import { facepile } from './facepile.ts';

export interface CollapsedThreadOptions {
  viewerId: string | undefined;
  /** The repliers' data, for the footer's facepile. */
  user(id: string): UserData | undefined;
  highlighted?: boolean;
  /** Cord's thread list shows no "Reply..." on threads without replies. */
  offerReply: boolean;
}

/**
 * Cord's collapsed thread (`<cord-thread collapsed>` and each thread of a thread list):
 * its first message, then a footer with who replied and "3 replies" or "2 unread".
 */
export function collapsedThread(thread: ThreadData, firstMessage: TemplateResult, options: CollapsedThreadOptions) {
  const replies = thread.userMessages - (thread.firstMessage?.deletedTimestamp ? 0 : 1);
  const unseen = thread.unread > 0;
  const subscribed = options.viewerId !== undefined && thread.subscribers.includes(options.viewerId);
  const footerClasses = {
    'cord-thread-footer-container': true,
    'cord-unseen': unseen,
    // Cord's badge is for subscribers only; everyone sees new messages in the footer's colour.
    'cord-badged': unseen && subscribed,
    'cord-subscribed': subscribed,
  };
  let footer: TemplateResult | typeof nothing = nothing;
  if (replies > 0) {
    const repliers = [...new Set([...thread.repliers, ...thread.actionMessageRepliers])].flatMap((id) => {
      const user = options.user(id);
      return user ? [{ user }] : [];
    });
    footer = html`<div class=${classMap(footerClasses)}>
      ${facepile(repliers.slice(0, 3))}
      <p class="cord-thread-replies">
        ${
          unseen
            ? i18n.t('thread:new_replies_status', { count: thread.unread })
            : i18n.t('thread:replies_status', { count: replies })
        }
      </p>
    </div>`;
  } else if (!thread.resolved && (options.offerReply || unseen)) {
    footer = html`<div class=${classMap(footerClasses)}>
      <p class="cord-thread-replies">${unseen ? i18n.t('thread:new_status') : i18n.t('thread:reply_action')}</p>
    </div>`;
  }
  return html`<div
    class=${classMap({ 'cord-collapsed-thread': true, 'cord-highlighted': options.highlighted === true, 'cord-resolved': thread.resolved })}
  >
    ${firstMessage} ${footer}
  </div>`;
}
