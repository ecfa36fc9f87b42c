import type { Point2D } from '@cord-sdk/types';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CordLocation } from '../../protocol/location.ts';
import type { AnnotationData, ThreadData } from '../../protocol/views.ts';
import { anchorPosition } from '../api/anchor.ts';
import { threadFilter } from '../api/threadOptions.ts';
import { threadListQuery } from '../data/sharedQueries.ts';
import type { ThreadListState } from '../data/threadListQuery.ts';
import { live } from '../runtime.ts';
import { annotationPin } from '../ui/pin.ts';
import { ComposerController } from './composerController.ts';
import { LiveController } from './liveController.ts';
import { authorOf } from './messageController.ts';
import { setOpenFloatingThread } from './openFloatingThreads.ts';

/** Threads with pins at one location, at most (Cord's page of annotations). */
const PINS_PAGE = 100;
/** A floating thread or composer opens this far right of its pin, and is this wide. */
const PANEL_GAP = 8;
const PANEL_WIDTH = 300;
const PIN_SIZE = 34;

/** Where the layer's threads are and are made. */
export interface FloatingPlace {
  location: CordLocation;
  groupId: string;
  threadName: string;
}

/** What the layer tells its element. */
export interface FloatingLayerEvents {
  /** The first message of a new thread was sent (the thread is open now). */
  finish(threadId: string): void;
  /** The new thread's composer was closed before anything was sent. */
  cancel(): void;
  /** `cord-composer:*` of the new thread's composer. */
  composer(name: string, detail: object): void;
  /** A pin was clicked; without this the thread opens beside its pin (the sidebar opens it in itself). */
  pinClick?(threadId: string): void;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Cord's floating threads over a page, for `<cord-floating-threads>` and
 * `<cord-selection-comments>`: a pin at the spot each thread at the location points at
 * (following the page as it scrolls and changes), the thread of a clicked pin open beside
 * it, and the composer of a new thread at a spot the user chose. Escape or a click
 * elsewhere closes what is open.
 */
export class FloatingLayerController implements ReactiveController {
  private readonly threads: LiveController<ThreadListState>;
  private readonly composer: ComposerController;
  private place: FloatingPlace | undefined;
  private draft: { threadId: string; annotation: AnnotationData } | undefined;
  /** The thread open beside its pin. */
  openThreadId: string | undefined;
  private redrawPending = false;
  private readonly mutations = new MutationObserver((records) => {
    // The layer's own changes move nothing on the page.
    if (records.some((record) => !this.host.contains(record.target))) this.redraw();
  });
  private readonly redraw = () => {
    if (this.redrawPending) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      this.host.requestUpdate();
    });
  };
  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen) this.close();
  };
  private readonly onPress = (event: Event) => {
    if (!this.isOpen) return;
    const inside = event
      .composedPath()
      .some(
        (node) => node instanceof Element && node.matches('.cord-floating-thread, .cord-annotation-pointer-container'),
      );
    if (!inside) this.close();
  };

  constructor(
    private readonly host: Host,
    private readonly events: FloatingLayerEvents,
  ) {
    host.addController(this);
    this.threads = new LiveController<ThreadListState>(host);
    this.composer = new ComposerController(
      host,
      (name, detail) => {
        if (name === 'close') this.close();
        this.events.composer(name, detail);
      },
      {
        sent: (threadId) => {
          this.draft = undefined;
          this.open(threadId);
          this.events.finish(threadId);
        },
      },
    );
  }

  get isOpen(): boolean {
    return this.openThreadId !== undefined || this.draft !== undefined;
  }

  /** Where the threads are; undefined (no group, say) shows nothing. */
  use(place: FloatingPlace | undefined) {
    this.place = place;
    if (!place) {
      this.threads.use(undefined);
      return;
    }
    const { groupId, filter } = threadFilter({
      location: { value: place.location, partialMatch: false },
      resolvedStatus: 'unresolved',
      groupID: place.groupId,
    });
    const sort = { sortBy: 'first_message_timestamp', sortDirection: 'descending' } as const;
    this.threads.use(threadListQuery(live, groupId, filter, sort, PINS_PAGE));
  }

  /** Starts a new thread pointing at a spot: its composer opens there, focused. */
  startDraft(annotation: AnnotationData) {
    this.openThreadId = undefined;
    this.draft = { threadId: `cord:${crypto.randomUUID()}`, annotation };
    this.changed();
    void this.host.updateComplete.then(() =>
      this.host.querySelector<HTMLElement>('.cord-floating-thread .cord-editor')?.focus(),
    );
  }

  /** Opens a thread beside its pin; Cord's own thread ids may come with or without `cord:`. */
  open(threadId: string) {
    const pinned = this.pinnedThreads().map(({ thread }) => thread.id);
    const id = pinned.includes(threadId) || !pinned.includes(`cord:${threadId}`) ? threadId : `cord:${threadId}`;
    this.draft = undefined;
    this.openThreadId = id;
    this.changed();
  }

  /** Closes the open thread, or the new thread's composer (which cancels it). */
  close() {
    const cancelled = this.draft !== undefined;
    this.draft = undefined;
    this.openThreadId = undefined;
    this.changed();
    if (cancelled) this.events.cancel();
  }

  private changed() {
    if (this.place) setOpenFloatingThread(this, this.place.location, this.openThreadId);
    this.host.requestUpdate();
  }

  hostConnected() {
    for (const name of ['scroll', 'resize']) window.addEventListener(name, this.redraw, true);
    document.addEventListener('keydown', this.onKey);
    document.addEventListener('pointerdown', this.onPress, true);
    this.mutations.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }

  hostDisconnected() {
    for (const name of ['scroll', 'resize']) window.removeEventListener(name, this.redraw, true);
    document.removeEventListener('keydown', this.onKey);
    document.removeEventListener('pointerdown', this.onPress, true);
    this.mutations.disconnect();
    if (this.place) setOpenFloatingThread(this, this.place.location, undefined);
  }

  /** The threads with a pin on the page now, and where. */
  private pinnedThreads(): Array<{ thread: ThreadData; at: Point2D }> {
    return (this.threads.value?.threads ?? []).flatMap((thread) => {
      const spot = thread.firstMessage?.annotation?.locationData;
      const at = spot ? anchorPosition(spot) : null;
      return at ? [{ thread, at }] : [];
    });
  }

  render() {
    const place = this.place;
    if (!place) return nothing;
    const pins = this.pinnedThreads();
    const open = pins.find(({ thread }) => thread.id === this.openThreadId);
    const draftAt = this.draft && anchorPosition(this.draft.annotation.locationData ?? '');
    return html`<div class="cord-floating-threads-layer" data-cord-page-layer>
      ${repeat(
        pins,
        ({ thread }) => thread.id,
        ({ thread, at }) => this.renderPin(thread, at),
      )}
      ${open ? this.renderThread(open.thread.id, open.at) : nothing}
      ${this.draft && draftAt ? this.renderDraft(place, draftAt) : nothing}
    </div>`;
  }

  private renderPin(thread: ThreadData, at: Point2D) {
    const first = thread.firstMessage;
    return html`<div
      class="cord-annotation-pointer-container"
      style=${pinStyle(at)}
      data-cord-thread-id=${thread.id}
    >
      ${annotationPin(
        { unread: thread.unread > 0, user: first ? authorOf(first) : undefined },
        {
          click: () => {
            if (this.events.pinClick) this.events.pinClick(thread.id);
            else if (this.openThreadId === thread.id) this.close();
            else this.open(thread.id);
          },
        },
      )}
    </div>`;
  }

  private renderThread(threadId: string, at: Point2D) {
    return html`<div
      class="cord-floating-thread"
      style=${panelStyle(at)}
      @cord-thread:close=${(event: Event) => {
        event.stopPropagation();
        this.close();
      }}
    >
      <cord-thread thread-id=${threadId} show-header="true"></cord-thread>
    </div>`;
  }

  private renderDraft(place: FloatingPlace, at: Point2D) {
    const draft = this.draft!;
    return html`<div class="cord-annotation-pointer-container cord-draft" style=${pinStyle(at)}>
        ${annotationPin({ unread: false, user: live.viewer ?? undefined })}
      </div>
      <div class="cord-floating-thread cord-draft" style=${panelStyle(at)}>
        ${this.composer.render({
          threadId: draft.threadId,
          thread: null,
          newThread: {
            name: place.threadName,
            url: window.location.href,
            location: place.location,
            groupID: place.groupId,
          },
          annotation: draft.annotation,
          size: 'medium',
          showExpanded: true,
          showCloseButton: true,
          disabled: false,
        })}
      </div>`;
  }
}

/** A pin's lower left corner is the spot it points at. */
function pinStyle(at: Point2D): string {
  return `left: ${at.x}px; top: ${at.y - PIN_SIZE}px;`;
}

/** Beside the pin, or on its left when there is no room on its right. */
function panelStyle(at: Point2D): string {
  const right = at.x + PIN_SIZE + PANEL_GAP;
  const left = right + PANEL_WIDTH > window.innerWidth ? Math.max(0, at.x - PANEL_GAP - PANEL_WIDTH) : right;
  const top = Math.max(0, Math.min(at.y - PIN_SIZE, window.innerHeight - 200));
  return `left: ${left}px; top: ${top}px;`;
}
