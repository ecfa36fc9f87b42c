import { html, nothing } from 'lit';
import { live } from '../runtime.ts';
import { facepile, userLabel } from '../ui/facepile.ts';
import { arrayAttribute, booleanAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { knownUsers, usersController } from './querySet.ts';

/** `<cord-facepile>`: the users named in `users` (ids, comma-separated), overlapping, in that order. */
export class CordFacepile extends CordElement {
  static override properties = {
    ...CordElement.properties,
    users: {},
    enableTooltip: { attribute: 'enable-tooltip' },
  };
  declare users: string | null;
  declare enableTooltip: string | null;

  private readonly people = usersController(this);
  private reported = false;

  protected override willUpdate() {
    this.people.use(arrayAttribute(this.users) ?? []);
  }

  protected renderContent() {
    const ids = arrayAttribute(this.users);
    if (!ids) {
      if (!this.reported) console.error('non-null users array must be provided');
      this.reported = true;
      return nothing;
    }
    const tooltips = booleanAttribute(this.enableTooltip, true);
    const viewerId = live.viewer?.id;
    // Users the viewer may not see are left out, as Cord leaves out users it has no data for.
    const entries = knownUsers(this.people, ids).map((user) => ({
      user,
      tooltip: tooltips ? userLabel(user, viewerId) : undefined,
    }));
    return html`${facepile(entries)}`;
  }
}
