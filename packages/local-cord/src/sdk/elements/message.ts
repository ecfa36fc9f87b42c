import { html, nothing } from 'lit';
import { toClientMessage, toThreadSummary } from '../api/convert.ts';
import type { LocalMessage } from '../data/threadQuery.ts';
import { message } from '../ui/message.ts';
import { booleanAttribute } from './attributes.ts';
import { ClockController } from './clockController.ts';
import { CordElement } from './cordElement.ts';
import { InViewController } from './inViewController.ts';
import { authorOf, MessageController, OWN_CLICKS, threadMenuOf } from './messageController.ts';
import { MessageLookup } from './messageLookup.ts';
import { markSeenSoon } from './seen.ts';

/**
 * `<cord-message>`: one message of a thread (by default its first), as `<cord-thread>`
 * shows it, with the same menu, editor and reactions; live.
 */
export class CordMessage extends CordElement {
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
    messageId: { attribute: 'message-id' },
    markAsSeen: { attribute: 'mark-as-seen' },
    isEditing: { attribute: 'is-editing' },
  };
  declare threadId: string | null;
  declare messageId: string | null;
  declare markAsSeen: string | null;
  declare isEditing: string | null;

  private readonly lookup = new MessageLookup(this);
  private readonly onScreen = new InViewController(this);
  private readonly messages = new MessageController(this, {
    editStart: (shown) => this.emitPart('cord-message', 'editstart', this.info(shown)),
    editEnd: (shown) => this.emitPart('cord-message', 'editend', this.info(shown)),
    resolvedByViewer: (threadID, resolved) => {
      const thread = this.lookup.threadData;
      this.emit(resolved ? 'threadresolve' : 'threadreopen', {
        threadID,
        thread: thread ? toThreadSummary(thread) : null,
      });
    },
    failed: (reason) => {
      this.error = reason;
      this.requestUpdate();
    },
  });
  private error: string | null = null;
  private rendered = false;
  private reported = false;
  private wasEditing = false;

  constructor() {
    super();
    new ClockController(this);
    // The element holds only the message: entering one is entering the other.
    for (const name of ['click', 'mouseenter', 'mouseleave'] as const) {
      this.addEventListener(name, (event) => this.pointer(name, event));
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    this.emitLifecycle('loading');
  }

  protected override willUpdate() {
    this.lookup.use(this.threadId || undefined, this.messageId || undefined);
    const shown = this.lookup.message;
    const editing = booleanAttribute(this.isEditing, false);
    if (shown && editing && !this.wasEditing) this.messages.startEditing(shown);
    if (shown) this.wasEditing = editing;
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const shown = this.lookup.message;
    if (!shown) return;
    if (!this.rendered) {
      this.rendered = true;
      this.emitLifecycle('render');
    }
    if (!shown.seen && booleanAttribute(this.markAsSeen, true) && this.onScreen.inView) {
      markSeenSoon(shown.threadID);
    }
  }

  /** Cord's MessageInfo: the ids, the thread's summary and the message. */
  private info(shown: LocalMessage) {
    const thread = this.lookup.threadData;
    return {
      threadId: shown.threadID,
      messageId: shown.id,
      thread: thread ? toThreadSummary(thread) : null,
      message: toClientMessage(shown),
    };
  }

  private pointer(name: 'click' | 'mouseenter' | 'mouseleave', event: Event) {
    const shown = this.lookup.message;
    if (!shown) return;
    if (name === 'click' && (event.target as Element).closest(OWN_CLICKS)) return;
    // Only the element's own pointer events, not those of a message nested in an app's markup.
    if (name !== 'click' && event.target !== this) return;
    this.emit(name, this.info(shown));
  }

  protected renderContent() {
    if (!this.threadId) {
      if (!this.reported) console.error('non-empty thread-id must be provided');
      this.reported = true;
      return nothing;
    }
    const shown = this.lookup.message;
    const thread = this.lookup.threadData;
    if (!shown || !thread) return nothing;
    const menu = this.lookup.isFirst ? threadMenuOf(thread) : undefined;
    return html`${message(shown, authorOf(shown), this.messages.state(shown, menu), this.messages.actions)}
      ${this.error ? html`<p class="cord-message-error" role="alert">${this.error}</p>` : nothing}
      ${this.messages.attachments.viewer()}`;
  }
}
