import { html } from 'lit';
import { chatAddIcon, iconFromUrl } from '../ui/icons.ts';
import { badgeStyleAttribute, launcherButton } from '../ui/launcher.ts';
import { flagAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { InboxController } from './inboxController.ts';
import { onSidebarOpen, setSidebarOpen, sidebarOpen } from './sidebarVisibility.ts';

/** Cord's label, in English whatever the page's language (Cord did not translate it). */
const DEFAULT_LABEL = 'Comment';

/**
 * `<cord-sidebar-launcher>`: a button that opens the page's `<cord-sidebar>`, or closes it
 * when open, with the viewer's unread count; fires `click` after.
 */
export class CordSidebarLauncher extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    label: {},
    iconUrl: { attribute: 'icon-url' },
    inboxBadgeStyle: { attribute: 'inbox-badge-style' },
    disabled: {},
  };
  declare label: string | null;
  declare iconUrl: string | null;
  declare inboxBadgeStyle: string | null;
  declare disabled: string | boolean | null;

  private readonly inbox = new InboxController(this, false);
  private stopSidebar: (() => void) | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.stopSidebar = onSidebarOpen(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopSidebar?.();
  }

  protected renderContent() {
    return html`${launcherButton(
      {
        className: 'cord-sidebar-launcher-button',
        label: this.label ?? DEFAULT_LABEL,
        icon: iconFromUrl(this.iconUrl, chatAddIcon, 'SidebarLauncher'),
        count: this.inbox.unread,
        badgeStyle: badgeStyleAttribute(this.inboxBadgeStyle),
        disabled: flagAttribute(this.disabled),
        expanded: sidebarOpen(),
      },
      () => {
        setSidebarOpen(!sidebarOpen());
        this.emit('click');
      },
    )}`;
  }
}
