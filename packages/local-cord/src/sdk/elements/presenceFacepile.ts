import { html } from 'lit';
import type { PresenceView } from '../../protocol/views.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { live } from '../runtime.ts';
import { presenceFacepile } from '../ui/presenceFacepile.ts';
import { booleanAttribute, locationAttribute, numberAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { LiveController } from './liveController.ts';

const MAX_USERS = 5;

/**
 * `<cord-presence-facepile>`: who is at a location (or anywhere below it), present users
 * first, those who were here dimmed. It only watches; `<cord-presence-observer>` or
 * `<cord-page-presence>` mark people present.
 */
export class CordPresenceFacepile extends CordElement {
  static override properties = {
    ...CordElement.properties,
    location: {},
    context: {},
    maxUsers: { attribute: 'max-users' },
    excludeViewer: { attribute: 'exclude-viewer' },
    onlyPresentUsers: { attribute: 'only-present-users' },
    exactMatch: { attribute: 'exact-match' },
  };
  static override ignoredAttributes = {
    orientation: "Cord's light-DOM facepile is always a row; only its legacy shadow-root look read it.",
  };
  declare location: string | null;
  declare context: string | null;
  declare maxUsers: string | null;
  declare excludeViewer: string | null;
  declare onlyPresentUsers: string | null;
  declare exactMatch: string | null;

  private readonly presence = new LiveController<PresenceView[] | undefined>(this);

  protected override willUpdate() {
    const location = locationAttribute(this.location, this.context);
    this.presence.use(presenceQuery(live, location, undefined, booleanAttribute(this.exactMatch, false)));
  }

  protected renderContent() {
    return html`${presenceFacepile(this.presence.value ?? [], {
      viewer: live.viewer,
      maxUsers: numberAttribute(this.maxUsers) ?? MAX_USERS,
      excludeViewer: booleanAttribute(this.excludeViewer, false),
      onlyPresentUsers: booleanAttribute(this.onlyPresentUsers, false),
      viewerIsHere: false,
    })}`;
  }
}
