import { chatAddIcon } from '../ui/icons.ts';
import { LauncherElement } from './launcherElement.ts';
import { onSidebarOpen, setSidebarOpen, sidebarOpen } from './sidebarVisibility.ts';

/** Cord's look; its label is English whatever the page's language (Cord did not translate it). */
const LOOK = {
  className: 'cord-sidebar-launcher-button',
  label: 'Comment',
  icon: chatAddIcon,
  componentName: 'SidebarLauncher',
};

/**
 * `<cord-sidebar-launcher>`: a button that opens the page's `<cord-sidebar>`, or closes it
 * when open, with the viewer's unread count; fires `click` after.
 */
export class CordSidebarLauncher extends LauncherElement {
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
    return this.renderLauncher(LOOK, sidebarOpen(), () => {
      setSidebarOpen(!sidebarOpen());
      this.emit('click');
    });
  }
}
