import { html, nothing } from 'lit';
import { anchorAt } from '../api/anchor.ts';
import { live } from '../runtime.ts';
import { chatAddIcon } from '../ui/icons.ts';
import { annotationPin } from '../ui/pin.ts';
import { booleanAttribute, flagAttribute, locationAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { FloatingLayerController } from './floatingLayer.ts';
import { GroupGuard } from './groupGuard.ts';

/** Cord's label, in English whatever the page's language (Cord did not translate it). */
const DEFAULT_BUTTON_LABEL = 'Add comment';

/**
 * `<cord-floating-threads>` (React `FloatingThreads` / `AnchoredThreads`): "Add comment"
 * puts the page in annotating mode; a click on the page places a pin there and opens the
 * new thread's composer beside it. Every thread at the location shows as a pin where it
 * points; a click on one opens it. `openThread`, `createThread` and `cancelThread` do the
 * same from the page's code.
 */
export class CordFloatingThreads extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    location: {},
    groupId: { attribute: 'group-id' },
    showButton: { attribute: 'show-button' },
    buttonLabel: { attribute: 'button-label' },
    threadName: { attribute: 'thread-name' },
    disabled: {},
  };
  static override unsupportedAttributes = {
    'show-screenshot-preview':
      "Cord's shows the screenshot it took of the spot under a thread's first message; local Cord takes no screenshots.",
  };
  declare location: string | null;
  declare groupId: string | null;
  declare showButton: string | null;
  declare buttonLabel: string | null;
  declare threadName: string | null;
  declare disabled: string | boolean | null;
  /** Cord's screenshot settings (set through React's ref); local Cord takes no screenshots. */
  screenshotConfig: unknown;

  private readonly layer = new FloatingLayerController(this, {
    finish: (threadId) => this.emit('finish', threadId),
    cancel: () => this.emit('cancel'),
    composer: (name, detail) => this.emitPart('cord-composer', name, detail),
  });
  private readonly guard = new GroupGuard('FloatingThreads');
  /** Annotating mode: the next click on the page says where the new thread points. */
  private annotating = false;
  private pointer: { x: number; y: number } | undefined;
  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.annotating) this.cancelThread();
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  /** Opens a thread at its pin (Cord's own ids with or without `cord:`). */
  openThread(threadId: string) {
    this.annotating = false;
    this.layer.open(threadId);
  }

  /** As the button: annotating mode, then the new thread's composer where the user clicks. */
  createThread() {
    if (this.annotating) return;
    if (!this.layer.isOpen) this.emit('start');
    this.layer.close();
    this.annotating = true;
    this.requestUpdate();
  }

  /** Leaves annotating mode, or closes what is open (a new thread's composer is cancelled). */
  cancelThread() {
    if (this.annotating) {
      this.annotating = false;
      this.requestUpdate();
      this.emit('cancel');
    } else this.layer.close();
  }

  protected override willUpdate() {
    const groupId = this.guard.check(this.groupId);
    this.layer.use(
      groupId === undefined
        ? undefined
        : { location: locationAttribute(this.location), groupId, threadName: this.threadName ?? document.title },
    );
  }

  private place(event: MouseEvent) {
    const anchor = anchorAt({ x: event.clientX, y: event.clientY });
    if (!anchor) return;
    this.annotating = false;
    this.layer.startDraft({ locationData: anchor, textContent: null });
  }

  protected renderContent() {
    if (!live.viewer || this.guard.check(this.groupId) === undefined) return nothing;
    const label = this.buttonLabel ?? DEFAULT_BUTTON_LABEL;
    return html`${
      booleanAttribute(this.showButton, true)
        ? html`<button
          type="button"
          class="cord-button cord-secondary cord-medium cord-floating-threads-button"
          data-cord-button="add-comment"
          aria-label=${label || DEFAULT_BUTTON_LABEL}
          ?disabled=${flagAttribute(this.disabled)}
          @click=${() => this.createThread()}
        >
          ${chatAddIcon}${label ? html`<span class="cord-button-label">${label}</span>` : nothing}
        </button>`
        : nothing
    }${this.annotating ? this.renderAnnotating() : nothing}${this.layer.render()}`;
  }

  private renderAnnotating() {
    const at = this.pointer;
    return html`<div
      class="cord-annotation-overlay"
      data-cord-page-layer
      @pointermove=${(event: PointerEvent) => {
        this.pointer = { x: event.clientX, y: event.clientY };
        this.requestUpdate();
      }}
      @click=${(event: MouseEvent) => this.place(event)}
    >
      ${
        at
          ? html`<div class="cord-annotation-pointer-container cord-unplaced" style="left: ${at.x}px; top: ${at.y - 34}px;">
            ${annotationPin({ unread: false, user: live.viewer ?? undefined })}
            <div class="cord-tooltip"><p class="cord-tooltip-label">${this.t('annotation:click_tooltip')}</p></div>
          </div>`
          : nothing
      }
      <div class="cord-annotation-prompt" @click=${(event: Event) => event.stopPropagation()}>
        <span>${this.t('annotation:click_prompt')}</span>
        <button type="button" class="cord-button cord-tertiary cord-small" @click=${() => this.cancelThread()}>
          ${this.t('annotation:cancel_annotating')}
        </button>
      </div>
    </div>`;
  }
}
