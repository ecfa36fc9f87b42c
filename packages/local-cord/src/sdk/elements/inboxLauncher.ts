import { html, nothing } from 'lit';
import { iconFromUrl, trayIcon } from '../ui/icons.ts';
import { badgeStyleAttribute, launcherButton } from '../ui/launcher.ts';
import { booleanAttribute, flagAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { InboxController } from './inboxController.ts';

/** Cord's label, in English whatever the page's language (Cord did not translate it). */
const DEFAULT_LABEL = 'Inbox';

/**
 * `<cord-inbox-launcher>`: a button with the viewer's unread count that opens Cord's inbox
 * in a popup under it (unless `show-inbox-on-click="false"`); a click anywhere else, or
 * the inbox's close button, closes it. Fires `click` on every click.
 */
export class CordInboxLauncher extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    label: {},
    iconUrl: { attribute: 'icon-url' },
    inboxBadgeStyle: { attribute: 'inbox-badge-style' },
    showInboxOnClick: { attribute: 'show-inbox-on-click' },
    disabled: {},
    showPlaceholder: { attribute: 'show-placeholder' },
  };
  static override unsupportedAttributes = {
    'show-settings': 'Local Cord sends no notifications by Slack or e-mail, so its inbox has no settings to show.',
  };
  declare label: string | null;
  declare iconUrl: string | null;
  declare inboxBadgeStyle: string | null;
  declare showInboxOnClick: string | null;
  declare disabled: string | boolean | null;
  declare showPlaceholder: string | null;

  private readonly inbox = new InboxController(this, false);
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
    return html`${launcherButton(
      {
        className: 'cord-inbox-launcher-button',
        label: this.label ?? DEFAULT_LABEL,
        icon: iconFromUrl(this.iconUrl, trayIcon, 'InboxLauncher'),
        count: this.inbox.unread,
        badgeStyle: badgeStyleAttribute(this.inboxBadgeStyle),
        disabled: flagAttribute(this.disabled),
        expanded: showsInbox ? this.open : undefined,
      },
      () => this.pressed(),
    )}${
      this.open && showsInbox
        ? html`<div
          class="cord-inbox-launcher-inbox-container"
          @cord-inbox:closeRequested=${(event: Event) => {
            event.stopPropagation();
            this.setOpen(false);
          }}
        >
          <cord-inbox show-close-button="true" show-placeholder=${this.showPlaceholder ?? nothing}></cord-inbox>
        </div>`
        : nothing
    }`;
  }
}
