import { html, nothing } from 'lit';
import { type CordLocation, locationFromUrl } from '../../protocol/location.ts';
import { relativeTime } from '../../protocol/timeFormat.ts';
import type { PresenceView } from '../../protocol/views.ts';
import { PresenceQuery } from '../data/simpleQueries.ts';
import { live } from '../runtime.ts';
import { avatar } from '../ui/avatar.ts';
import { CordElement, parseJsonAttribute } from './cordElement.ts';
import { LiveController } from './liveController.ts';

let nextId = 0;

/**
 * `<cord-page-presence>`: marks the viewer present at a location while the page is
 * visible, and shows a facepile of who is there now and (dimmed) who was before.
 */
export class CordPagePresence extends CordElement {
  static override properties = {
    ...CordElement.properties,
    // Single-word names arrive as properties when React sees them on the element: both
    // hold the same (stringified) value the wrapper computed.
    location: {},
    context: {},
    durable: {},
    orientation: {},
    maxUsers: { attribute: 'max-users' },
    excludeViewer: { attribute: 'exclude-viewer' },
    onlyPresentUsers: { attribute: 'only-present-users' },
    groupId: { attribute: 'group-id' },
  };
  declare location: string | null;
  declare context: string | null;
  declare durable: string | null;
  declare orientation: string | null;
  declare maxUsers: string | null;
  declare excludeViewer: string | null;
  declare onlyPresentUsers: string | null;
  declare groupId: string | null;

  protected readonly componentName = 'page-presence';
  private readonly claimId = `page-presence-${++nextId}`;
  private readonly presence = new LiveController<PresenceView[] | undefined>(this);
  private joined: { location: CordLocation; groupId: string | undefined; durable: boolean } | undefined;
  private readonly onVisibility = () => this.announce(document.visibilityState === 'visible');
  private readonly onPageHide = () => this.announce(false);

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    this.leave();
  }

  protected override willUpdate() {
    const location =
      parseJsonAttribute<CordLocation>(this.location ?? this.context) ?? locationFromUrl(window.location.href);
    const spot = { location, groupId: this.groupId ?? undefined, durable: this.durable !== 'false' };
    if (JSON.stringify(spot) === JSON.stringify(this.joined)) return;
    this.leave();
    this.joined = spot;
    const key = `presence\n${spot.groupId ?? ''}\n${JSON.stringify(spot.location)}`;
    this.presence.use(live.query(key, () => new PresenceQuery(live, key, spot.location, spot.groupId)));
    this.announce(document.visibilityState === 'visible');
  }

  private announce(present: boolean) {
    if (this.joined) live.claimPresence(this.claimId, this.joined, present);
  }

  private leave() {
    if (!this.joined) return;
    this.announce(false);
    this.presence.use(undefined);
    this.joined = undefined;
  }

  protected renderContent() {
    let users = this.presence.value ?? [];
    const viewer = live.viewer;
    const isViewer = (entry: PresenceView) => entry.user.id === viewer?.id;
    if (this.excludeViewer === 'true') users = users.filter((entry) => !isViewer(entry));
    else if (viewer && !users.some(isViewer)) {
      // The viewer is here: show them before the server has echoed it.
      users = [{ user: viewer, present: true, lastSeen: Date.now() }, ...users];
    }
    if (this.onlyPresentUsers === 'true') users = users.filter((entry) => entry.present);
    if (users.length === 0) return nothing;

    const max = Math.max(1, Number.parseInt(this.maxUsers ?? '', 10) || 5);
    const shown = users.slice(0, max);
    const hidden = users.length - shown.length;
    const vertical = this.orientation === 'vertical';
    return html`<div class="cord-facepile ${vertical ? 'cord-vertical' : ''}" role="list" aria-label="People on this page">
      ${shown.map((entry) => html`<div role="listitem">${avatar(entry.user, { label: this.tooltip(entry), classes: this.classesFor(entry) })}</div>`)}
      ${hidden > 0 ? html`<div class="cord-other-users" title="${hidden} more">+${hidden}</div>` : nothing}
    </div>`;
  }

  private tooltip(entry: PresenceView): string {
    const name = entry.user.displayName;
    if (entry.user.id === live.viewer?.id) return `${name} (you)`;
    if (entry.present) return `${name}: Viewing`;
    return `${name}: Viewed ${entry.lastSeen ? relativeTime(entry.lastSeen) : 'before'}`;
  }

  private classesFor(entry: PresenceView) {
    return {
      'cord-present': entry.present,
      'cord-not-present': !entry.present,
      'cord-from-viewer': entry.user.id === live.viewer?.id,
    };
  }
}
