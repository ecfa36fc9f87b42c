import { html, nothing } from 'lit';
import { anchorAt } from '../api/anchor.ts';
import { live } from '../runtime.ts';
import { chatAddIcon, iconFromUrl } from '../ui/icons.ts';
import { locationAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { FloatingLayerController } from './floatingLayer.ts';
import { GroupGuard } from './groupGuard.ts';

/** The button's label when the page gives none (English, as Cord's own labels of its kind). */
const DEFAULT_BUTTON_LABEL = 'Add comment';
/** The button sits this far under the selection's end. */
const BUTTON_GAP = 6;

/**
 * `<cord-selection-comments>`: comments on selected text. It wraps the page's content;
 * when the user selects text in it, a button by the selection starts a thread pointing at
 * it (with the selected words), whose composer opens there. Its threads show as pins, as
 * floating threads do. Cord's 1.47 script no longer defined this element and
 * @cord-sdk/react no longer renders it; local Cord keeps what its attributes describe.
 */
export class CordSelectionComments extends CordElement {
  static override properties = {
    ...CordElement.properties,
    location: {},
    buttonLabel: { attribute: 'button-label' },
    iconUrl: { attribute: 'icon-url' },
    threadName: { attribute: 'thread-name' },
  };
  declare location: string | null;
  declare buttonLabel: string | null;
  declare iconUrl: string | null;
  declare threadName: string | null;

  private readonly layer = new FloatingLayerController(this, {
    finish: () => {},
    cancel: () => {},
    composer: (name, detail) => this.emitPart('cord-composer', name, detail),
  });
  private readonly guard = new GroupGuard('SelectionComments');
  /** The selection the button offers to comment on, and where its end is. */
  private selected: { text: string; x: number; y: number } | undefined;
  /** Follows the selection, and where it is as the page scrolls. */
  private readonly onSelection = () => {
    const selected = this.selectedText();
    const now = this.selected;
    if (selected?.text === now?.text && selected?.x === now?.x && selected?.y === now?.y) return;
    this.selected = selected;
    this.requestUpdate();
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelection);
    window.addEventListener('scroll', this.onSelection, true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelection);
    window.removeEventListener('scroll', this.onSelection, true);
  }

  /** Text selected within the page content this element wraps (not in its own pins and threads). */
  private selectedText(): { text: string; x: number; y: number } | undefined {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
    const range = selection.getRangeAt(0);
    const inContent = (node: Node) =>
      this.contains(node) && !(node instanceof Element ? node : node.parentElement)?.closest('[data-cord-page-layer]');
    const text = selection.toString().trim();
    if (!text || !inContent(range.startContainer) || !inContent(range.endContainer)) return undefined;
    const boxes = range.getClientRects();
    const last = boxes[boxes.length - 1] ?? range.getBoundingClientRect();
    return { text, x: last.right, y: last.bottom };
  }

  private comment() {
    const selected = this.selected;
    if (!selected) return;
    // The spot is the end of the selection, on the element holding it.
    const anchor = anchorAt({ x: selected.x - 1, y: selected.y - 1 });
    if (!anchor) return;
    this.selected = undefined;
    document.getSelection()?.removeAllRanges();
    this.layer.startDraft({ locationData: anchor, textContent: selected.text });
  }

  protected override willUpdate() {
    const groupId = this.guard.check(undefined);
    this.layer.use(
      groupId === undefined
        ? undefined
        : { location: locationAttribute(this.location), groupId, threadName: this.threadName ?? document.title },
    );
  }

  protected renderContent() {
    if (!live.viewer || this.guard.check(undefined) === undefined) return nothing;
    const selected = this.selected;
    const label = this.buttonLabel ?? DEFAULT_BUTTON_LABEL;
    return html`${
      selected
        ? html`<button
          type="button"
          class="cord-button cord-secondary cord-medium cord-selection-comments-button"
          data-cord-button="comment-on-selection"
          data-cord-page-layer
          aria-label=${label || DEFAULT_BUTTON_LABEL}
          style="left: ${selected.x}px; top: ${selected.y + BUTTON_GAP}px;"
          @mousedown=${(event: Event) => event.preventDefault()}
          @click=${() => this.comment()}
        >
          ${iconFromUrl(this.iconUrl, chatAddIcon, 'SelectionComments')}${
            label ? html`<span class="cord-button-label">${label}</span>` : nothing
          }
        </button>`
        : nothing
    }${this.layer.render()}`;
  }
}
