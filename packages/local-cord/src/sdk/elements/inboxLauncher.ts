import { html, nothing } from 'lit';
import { trayIcon } from '../ui/icons.ts';
import { booleanAttribute } from './attributes.ts';
import { LauncherElement } from './launcherElement.ts';

/** Cord's look; its label is English whatever the page's language (Cord did not translate it). */
const LOOK = {
  className: 'cord-inbox-launcher-button',
  label: 'Inbox',
  icon: trayIcon,
  componentName: 'InboxLauncher',
};

/**
 * `<cord-inbox-launcher>`: a button with the viewer's unread count that opens Cord's inbox
 * in a popup under it (unless `show-inbox-on-click="false"`); a click anywhere else, or
 * the inbox's close button, closes it. Fires `click` on every click.
 */
export class CordInboxLauncher extends LauncherElement {
  static override properties = {
    ...LauncherElement.properties,
    showInboxOnClick: { attribute: 'show-inbox-on-click' },
    showPlaceholder: { attribute: 'show-placeholder' },
    showSettings: { attribute: 'show-settings' },
  };
  declare showInboxOnClick: string | null;
  declare showPlaceholder: string | null;
  declare showSettings: string | null;
  private open = false;
  private readonly onPress = (event: Event) => {
    if (this.open && !event.composedPath().includes(this)) this.setOpen(false);
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onPress, true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onPress, true);
  }

  private setOpen(open: boolean) {
    this.open = open;
    this.requestUpdate();
  }

  private pressed() {
    if (booleanAttribute(this.showInboxOnClick, true)) this.setOpen(!this.open);
    this.emit('click');
  }

  protected renderContent() {
    const showsInbox = booleanAttribute(this.showInboxOnClick, true);
    return html`${this.renderLauncher(LOOK, showsInbox ? this.open : undefined, () => this.pressed())}${
      this.open && showsInbox
        ? html`<div
          class="cord-inbox-launcher-inbox-container"
          @cord-inbox:closeRequested=${(event: Event) => {
            event.stopPropagation();
            this.setOpen(false);
          }}
        >
          <cord-inbox
            show-close-button="true"
            show-placeholder=${this.showPlaceholder ?? nothing}
            show-settings=${this.showSettings ?? nothing}
          ></cord-inbox>
        </div>`
        : nothing
    }`;
  }
}
