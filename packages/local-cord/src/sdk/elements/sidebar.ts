import { html, nothing } from 'lit';
import type { CordLocation } from '../../protocol/location.ts';
import type { PresenceView } from '../../protocol/views.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { live } from '../runtime.ts';
import { chatAddIcon, trayIcon } from '../ui/icons.ts';
import { launcherButton, panelCloseButton, unreadBadge } from '../ui/launcher.ts';
import { presenceFacepile } from '../ui/presenceFacepile.ts';
import { booleanAttribute, locationAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { FloatingLayerController } from './floatingLayer.ts';
import { GroupGuard } from './groupGuard.ts';
import { InboxController } from './inboxController.ts';
import { LiveController } from './liveController.ts';
import { PresenceClaimController } from './presenceClaim.ts';
import { onSidebarOpen, setSidebarOpen, sidebarOpen } from './sidebarVisibility.ts';

/** Cord's sidebar shows at most this many faces of who is here. */
const PRESENCE_FACES = 3;

/**
 * `<cord-sidebar>`: Cord's comments panel on the right of the page: who is here, the
 * threads at the location (one opens in full inside it), a composer for a new one, the
 * viewer's inbox behind a button, and pins on the page for threads pointing at a spot.
 * Open or closed with the page's other sidebar launchers; while closed, a floating
 * launcher opens it.
 */
export class CordSidebar extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    location: {},
    context: {},
    open: {},
    showCloseButton: { attribute: 'show-close-button' },
    showInbox: { attribute: 'show-inbox' },
    showPresence: { attribute: 'show-presence' },
    showLauncher: { attribute: 'show-launcher' },
    showAllActivity: { attribute: 'show-all-activity' },
    excludeViewerFromPresence: { attribute: 'exclude-viewer-from-presence' },
    showPinsOnPage: { attribute: 'show-pins-on-page' },
    threadName: { attribute: 'thread-name' },
    groupId: { attribute: 'group-id' },
  };
  declare location: string | null;
  declare context: string | null;
  declare open: string | null;
  declare showCloseButton: string | null;
  declare showInbox: string | null;
  declare showPresence: string | null;
  declare showLauncher: string | null;
  declare showAllActivity: string | null;
  declare excludeViewerFromPresence: string | null;
  declare showPinsOnPage: string | null;
  declare threadName: string | null;
  declare groupId: string | null;
  /** Cord's screenshot settings (set through React's ref); local Cord takes no screenshots. */
  screenshotConfig: unknown;

  private readonly guard = new GroupGuard('Sidebar');
  private readonly presence = new LiveController<PresenceView[] | undefined>(this);
  private readonly inbox = new InboxController(this, false);
  /** The sidebar marks the viewer present at its location while the page is shown, as page presence does. */
  private readonly claim = new PresenceClaimController(this);
  private readonly onVisibility = () => this.requestUpdate();
  private readonly pins = new FloatingLayerController(this, {
    finish: () => {},
    cancel: () => {},
    composer: () => {},
    pinClick: (threadId) => {
      setSidebarOpen(true);
      this.openThread(threadId);
    },
  });
  private openThreadId: string | undefined;
  private inboxOpen = false;
  /** The `open` attribute as last applied to the page's sidebar state; it applies when it changes. */
  private appliedOpen: string | null | undefined;
  /** What `open`/`close` last told the page. */
  private announced: boolean | undefined;
  private place: { location: CordLocation; groupId: string } | undefined;
  private stopSidebar: (() => void) | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.appliedOpen = undefined;
    this.announced = undefined;
    this.stopSidebar = onSidebarOpen(() => this.requestUpdate());
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopSidebar?.();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Cord's method: opens the sidebar with its composer for a new thread, focused. */
  startComposer() {
    setSidebarOpen(true);
    this.closeThread();
    this.inboxOpen = false;
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.querySelector<HTMLElement>('.cord-sidebar-composer .cord-editor')?.focus(),
    );
  }

  private openThread(threadId: string) {
    if (this.openThreadId === threadId) return;
    this.closeThread();
    this.inboxOpen = false;
    this.openThreadId = threadId;
    this.emit('threadopen', threadId);
    this.requestUpdate();
  }

  private closeThread() {
    const open = this.openThreadId;
    if (open === undefined) return;
    this.openThreadId = undefined;
    this.emit('threadclose', open);
    this.requestUpdate();
  }

  protected override willUpdate() {
    if (this.open !== this.appliedOpen) {
      this.appliedOpen = this.open;
      setSidebarOpen(booleanAttribute(this.open, true));
    }
    const location = locationAttribute(this.location, this.context);
    const groupId = this.guard.check(this.groupId);
    this.place = groupId === undefined ? undefined : { location, groupId };
    this.claim.set(
      groupId === undefined ? undefined : { location, groupId, durable: true },
      document.visibilityState === 'visible',
    );
    const here = this.place && booleanAttribute(this.showPresence, true);
    this.presence.use(here ? presenceQuery(live, location, undefined) : undefined);
    this.pins.use(
      this.place && booleanAttribute(this.showPinsOnPage, true)
        ? { ...this.place, threadName: this.threadName ?? document.title }
        : undefined,
    );
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    const visible = this.place !== undefined && sidebarOpen();
    if (visible === this.announced) return;
    this.announced = visible;
    if (visible) {
      const width = this.querySelector<HTMLElement>('.cord-sidebar')?.offsetWidth ?? 0;
      this.emit('open', width > 0 ? { width } : {});
    } else this.emit('close');
  }

  protected renderContent() {
    const place = this.place;
    if (!place || !live.viewer) return nothing;
    const visible = sidebarOpen();
    return html`${
      !visible && booleanAttribute(this.showLauncher, true) ? this.renderLauncher() : nothing
    }<div class="cord-sidebar" ?hidden=${!visible}>
      ${this.renderHeader()}
      ${this.inboxOpen ? this.renderInbox(place.location) : this.renderBody(place)}
    </div>${this.pins.render()}`;
  }

  private faces(max: number) {
    return presenceFacepile(this.presence.value ?? [], {
      viewer: live.viewer,
      maxUsers: max,
      excludeViewer: booleanAttribute(this.excludeViewerFromPresence, false),
      onlyPresentUsers: false,
      viewerIsHere: false,
    });
  }

  private renderHeader() {
    return html`<div class="cord-sidebar-header">
      <p class="cord-sidebar-title">${this.t('sidebar:thread_list_title')}</p>
      ${booleanAttribute(this.showPresence, true) ? this.faces(PRESENCE_FACES) : nothing}
      ${
        booleanAttribute(this.showInbox, true)
          ? html`<button
            type="button"
            class="cord-button cord-tertiary cord-small cord-sidebar-inbox-button ${this.inbox.unread > 0 ? 'cord-badged' : ''}"
            data-cord-button="inbox"
            aria-label=${this.t('sidebar:inbox_tooltip')}
            title=${this.t('sidebar:inbox_tooltip')}
            aria-pressed=${String(this.inboxOpen)}
            @click=${() => {
              this.inboxOpen = !this.inboxOpen;
              this.requestUpdate();
            }}
          >
            ${trayIcon}${this.inbox.unread > 0 ? unreadBadge(this.inbox.unread) : nothing}
          </button>`
          : nothing
      }
      ${
        booleanAttribute(this.showCloseButton, true)
          ? panelCloseButton(this.t('sidebar:close_sidebar_tooltip'), 'close-sidebar', () => setSidebarOpen(false))
          : nothing
      }
    </div>`;
  }

  private renderInbox(location: CordLocation) {
    // Without "All Pages", the sidebar's inbox is about this location's threads only.
    const filter = booleanAttribute(this.showAllActivity, true) ? undefined : location;
    return html`<cord-inbox
      class="cord-sidebar-inbox"
      show-close-button="true"
      .locationFilter=${filter}
      @cord-inbox:closeRequested=${(event: Event) => {
        event.stopPropagation();
        this.inboxOpen = false;
        this.requestUpdate();
      }}
    ></cord-inbox>`;
  }

  private renderBody(place: { location: CordLocation; groupId: string }) {
    const location = JSON.stringify(place.location);
    if (this.openThreadId) {
      return html`<div class="cord-sidebar-thread">
        <div class="cord-sidebar-thread-nav">
          <button
            type="button"
            class="cord-button cord-tertiary cord-small"
            data-cord-button="return-to-list"
            @click=${() => this.closeThread()}
          >
            <span aria-hidden="true">←</span> ${this.t('sidebar:return_to_list_action')}
          </button>
        </div>
        <cord-thread thread-id=${this.openThreadId} location=${location}></cord-thread>
      </div>`;
    }
    return html`<cord-thread-list
        class="cord-sidebar-thread-list"
        location=${location}
        @cord-thread-list:threadclick=${(event: CustomEvent<[string]>) => {
          event.stopPropagation();
          this.openThread(event.detail[0]);
        }}
      ></cord-thread-list>
      <div class="cord-sidebar-composer">
        <cord-composer
          location=${location}
          group-id=${this.groupId ?? nothing}
          thread-name=${this.threadName ?? nothing}
          show-expanded="true"
        ></cord-composer>
      </div>`;
  }

  /** While closed: a floating button with who is here and the viewer's unread count. */
  private renderLauncher() {
    return html`<div class="cord-sidebar-floating-launcher">
      ${this.faces(PRESENCE_FACES)}
      ${launcherButton(
        {
          className: 'cord-sidebar-launcher-button',
          label: this.t('sidebar:add_comment_action'),
          icon: chatAddIcon,
          count: this.inbox.unread,
          badgeStyle: 'badge_with_count',
          disabled: false,
        },
        () => setSidebarOpen(true),
      )}
    </div>`;
  }
}
