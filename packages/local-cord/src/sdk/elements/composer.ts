import { html, nothing } from 'lit';
import type { EntityMetadata } from '../../protocol/views.ts';
import { threadQuery } from '../data/sharedQueries.ts';
import type { ThreadState } from '../data/threadQuery.ts';
import { live } from '../runtime.ts';
import type { ComposerSize } from '../ui/composer.ts';
import { booleanAttribute, flagAttribute, locationAttribute, parseJsonAttribute } from './attributes.ts';
import { ComposerController } from './composerController.ts';
import { CordElement } from './cordElement.ts';
import { LiveController } from './liveController.ts';

const SIZES: readonly ComposerSize[] = ['small', 'medium', 'large'];

/** A thread id of Cord's making, for a composer that starts new threads. */
const newThreadId = () => `cord:${crypto.randomUUID()}`;

/**
 * `<cord-composer>`: writes a reply to `thread-id`, or, without one, starts a new thread
 * with each message (at `location`, in `group-id` or the token's group).
 */
export class CordComposer extends CordElement {
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
    groupId: { attribute: 'group-id' },
    location: {},
    threadName: { attribute: 'thread-name' },
    threadUrl: { attribute: 'thread-url' },
    autofocus: {},
    disabled: {},
    showExpanded: { attribute: 'show-expanded' },
    showCloseButton: { attribute: 'show-close-button' },
    size: {},
    messageMetadata: { attribute: 'message-metadata' },
    threadMetadata: { attribute: 'thread-metadata' },
  };
  declare threadId: string | null;
  declare groupId: string | null;
  declare location: string | null;
  declare threadName: string | null;
  declare threadUrl: string | null;
  /** Cord's `autofocus` flag; React 19 sets it as a property ("" for true). */
  declare autofocus: boolean;
  declare disabled: string | boolean | null;
  declare showExpanded: string | null;
  declare showCloseButton: string | null;
  declare size: string | null;
  declare messageMetadata: string | null;
  declare threadMetadata: string | null;

  private readonly thread = new LiveController<ThreadState>(this);
  private readonly composer = new ComposerController(
    this,
    (name, detail) => this.emitPart('cord-composer', name, detail),
    {
      sent: () => {
        if (!this.threadId) this.ownThreadId = newThreadId();
      },
    },
  );
  /** The thread the next message starts, when the page names none. */
  private ownThreadId = newThreadId();
  private focusPending = false;

  override connectedCallback() {
    super.connectedCallback();
    this.focusPending = flagAttribute(this.autofocus);
  }

  protected override willUpdate() {
    // A thread of the composer's own making does not exist until its first message.
    this.thread.use(this.threadId ? threadQuery(live, this.threadId, this.groupId ?? undefined) : undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    if (!this.focusPending || this.thread.value?.thread?.resolved) return;
    const editor = this.querySelector<HTMLElement>('.cord-editor');
    if (editor && editor.getAttribute('aria-disabled') !== 'true') {
      this.focusPending = false;
      editor.focus();
    }
  }

  protected renderContent() {
    const threadId = this.threadId || this.ownThreadId;
    const state = this.thread.value;
    // An existing thread the viewer may not see: Cord shows nothing.
    if (state?.error) return nothing;
    const size = SIZES.find((known) => known === this.size) ?? 'medium';
    return html`<div class="cord-composer-toast-container">
      ${this.composer.render({
        threadId,
        thread: this.threadId ? state?.thread : null,
        newThread: {
          name: this.threadName ?? document.title,
          url: this.threadUrl ?? window.location.href,
          location: locationAttribute(this.location),
          groupID: this.groupId ?? undefined,
          metadata: parseJsonAttribute<EntityMetadata>(this.threadMetadata),
        },
        messageMetadata: parseJsonAttribute<EntityMetadata>(this.messageMetadata),
        size,
        showExpanded: booleanAttribute(this.showExpanded, false),
        showCloseButton: booleanAttribute(this.showCloseButton, false),
        disabled: flagAttribute(this.disabled),
      })}
    </div>`;
  }
}
