import { html, nothing } from 'lit';
import type { PresenceView } from '../../protocol/views.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { live } from '../runtime.ts';
import { presenceFacepile } from '../ui/presenceFacepile.ts';
import { booleanAttribute, locationAttribute, numberAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { GroupGuard } from './groupGuard.ts';
import { LiveController } from './liveController.ts';
import { PresenceClaimController } from './presenceClaim.ts';

const MAX_USERS = 5;

/**
 * `<cord-page-presence>`: a presence facepile of everyone at a location plus a presence
 * observer of the whole page: the viewer is present while the page is shown, and (by
 * default, durably) remembered as "last seen here" after.
 */
export class CordPagePresence extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    location: {},
    context: {},
    durable: {},
    maxUsers: { attribute: 'max-users' },
    excludeViewer: { attribute: 'exclude-viewer' },
    onlyPresentUsers: { attribute: 'only-present-users' },
    groupId: { attribute: 'group-id' },
  };
  static override ignoredAttributes = {
    orientation: "Cord's light-DOM facepile is always a row; only its legacy shadow-root look read it.",
  };
  declare location: string | null;
  declare context: string | null;
  declare durable: string | null;
  declare maxUsers: string | null;
  declare excludeViewer: string | null;
  declare onlyPresentUsers: string | null;
  declare groupId: string | null;

  private readonly presence = new LiveController<PresenceView[] | undefined>(this);
  private readonly claim = new PresenceClaimController(this);
  private readonly guard = new GroupGuard('PagePresence');
  private readonly onVisibility = () => this.requestUpdate();
  private readonly onPageHide = () => this.claim.set(undefined, false);

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
  }

  protected override willUpdate() {
    const location = locationAttribute(this.location, this.context);
    // The facepile shows everyone at the location in the viewer's groups; the group
    // attribute only says where the viewer's own presence is written.
    this.presence.use(presenceQuery(live, location, undefined));
    const groupId = this.guard.check(this.groupId);
    this.claim.set(
      groupId === undefined ? undefined : { location, groupId, durable: booleanAttribute(this.durable, true) },
      document.visibilityState === 'visible',
    );
  }

  protected renderContent() {
    if (!live.viewer) return nothing;
    return html`${presenceFacepile(this.presence.value ?? [], {
      viewer: live.viewer,
      maxUsers: numberAttribute(this.maxUsers) ?? MAX_USERS,
      excludeViewer: booleanAttribute(this.excludeViewer, false),
      onlyPresentUsers: booleanAttribute(this.onlyPresentUsers, false),
      viewerIsHere: document.visibilityState === 'visible',
    })}`;
  }
}
