import { html, nothing } from 'lit';
import { live } from '../runtime.ts';
import { avatar } from '../ui/avatar.ts';
import { userLabel } from '../ui/facepile.ts';
import { booleanAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { knownUsers, usersController } from './querySet.ts';

/** `<cord-avatar>`: one user's picture (or initial), with their name on hover if asked. */
export class CordAvatar extends CordElement {
  static override properties = {
    ...CordElement.properties,
    userId: { attribute: 'user-id' },
    enableTooltip: { attribute: 'enable-tooltip' },
  };
  declare userId: string | null;
  declare enableTooltip: string | null;

  private readonly users = usersController(this);
  private reported = false;

  protected override willUpdate() {
    this.users.use(this.userId ? [this.userId] : []);
  }

  protected renderContent() {
    if (!this.userId) {
      // Cord's render throws (its error boundary logs it and shows nothing).
      if (!this.reported) console.error('non-empty user-id must be provided');
      this.reported = true;
      return nothing;
    }
    const [user] = knownUsers(this.users, [this.userId]);
    if (!user) return nothing;
    const tooltip = booleanAttribute(this.enableTooltip, false) ? userLabel(user, live.viewer?.id) : undefined;
    return html`${avatar(user, { tooltip })}`;
  }
}
