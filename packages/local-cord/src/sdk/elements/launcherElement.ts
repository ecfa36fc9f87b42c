import type { TemplateResult } from 'lit';
import { iconFromUrl } from '../ui/icons.ts';
import { badgeStyleAttribute, launcherButton } from '../ui/launcher.ts';
import { flagAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { InboxController } from './inboxController.ts';

/** How a launcher looks by default: Cord's English label and icon, and its name in Cord's console errors. */
export interface LauncherLook {
  className: string;
  label: string;
  icon: TemplateResult;
  componentName: string;
}

/**
 * What Cord's two launchers share (`<cord-sidebar-launcher>`, `<cord-inbox-launcher>`): a
 * button with `label`, `icon-url`, `disabled` and the viewer's unread count as its badge
 * (`inbox-badge-style`).
 */
export abstract class LauncherElement extends CordElement {
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

  protected renderLauncher(look: LauncherLook, expanded: boolean | undefined, press: () => void) {
    return launcherButton(
      {
        className: look.className,
        label: this.label ?? look.label,
        icon: iconFromUrl(this.iconUrl, look.icon, look.componentName),
        count: this.inbox.unread,
        badgeStyle: badgeStyleAttribute(this.inboxBadgeStyle),
        disabled: flagAttribute(this.disabled),
        expanded,
      },
      press,
    );
  }
}
