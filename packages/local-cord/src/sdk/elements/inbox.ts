import type { CoreNotificationData, NotificationListFilter } from '@cord-sdk/types';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from '../runtime.ts';
import { gearIcon } from '../ui/icons.ts';
import { inboxSettings } from '../ui/inboxSettings.ts';
import { panelCloseButton } from '../ui/launcher.ts';
import { booleanAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { InboxController } from './inboxController.ts';
import { type InboxEntry, inboxEntries } from './inboxEntries.ts';

/** More notifications load when the list is scrolled this close to its end. */
const LOAD_MORE_MARGIN_PX = 40;
const LOAD_MORE_COUNT = 10;

/**
 * `<cord-inbox>`: the viewer's notifications, as Cord's inbox shows activity for them: one
 * entry per thread (its notifications' headers, then the thread itself, collapsed, opening
 * in full on a click), unread entries first under "Unread", the rest under "Read", with
 * "Mark all as read". Its close button only asks: it fires `closeRequested`. Its settings
 * button (Cord's, for a viewer signed in to a group) opens the settings page in its place.
 */
export class CordInbox extends CordElement {
  static override allowsShadowRoot = true;
  static override properties = {
    ...CordElement.properties,
    showPlaceholder: { attribute: 'show-placeholder' },
    showCloseButton: { attribute: 'show-close-button' },
    showSettings: { attribute: 'show-settings' },
  };
  declare showPlaceholder: string | null;
  declare showCloseButton: string | null;
  declare showSettings: string | null;

  private readonly inbox = new InboxController(this, true);
  /** The entry opened in full; one at a time, as in Cord. */
  private expanded: string | undefined;
  private showRead = true;
  private showUnread = true;
  private settingsOpen = false;

  /** Only notifications about threads at a location: the sidebar's inbox without "All Pages". */
  set locationFilter(filter: NotificationListFilter['location'] | undefined) {
    this.inbox.useFilter(filter === undefined ? undefined : { location: filter });
  }

  private loadMoreAtEnd(event: Event) {
    const box = event.target as HTMLElement;
    const data = this.inbox.data;
    if (!data?.hasMore || data.loading) return;
    if (box.scrollTop + box.clientHeight < box.scrollHeight - LOAD_MORE_MARGIN_PX) return;
    void data.fetchMore(LOAD_MORE_COUNT);
  }

  protected renderContent() {
    if (this.settingsOpen && this.offersSettings()) return this.renderSettings();
    const data = this.inbox.data;
    const entries = inboxEntries(data?.notifications ?? []);
    const unread = entries.filter((entry) => entry.unread);
    const read = entries.filter((entry) => !entry.unread);
    return html`<div class="cord-inbox-container">
      <div class="cord-inbox-header">
        <p class="cord-inbox-title">${this.t('inbox:inbox_title')}</p>
        ${
          unread.length > 0
            ? html`<button
              type="button"
              class="cord-button cord-tertiary cord-small cord-mark-all-as-read"
              data-cord-button="mark-all-as-read"
              title=${this.t('inbox:mark_all_as_read_action')}
              @click=${() => this.inbox.markAllAsRead()}
            >
              ${this.t('inbox:mark_all_as_read_action')}
            </button>`
            : nothing
        }
        ${this.offersSettings() ? this.renderSettingsButton() : nothing}
        ${
          booleanAttribute(this.showCloseButton, true)
            ? panelCloseButton(this.t('inbox:close_tooltip'), 'close-inbox', () => this.emit('closeRequested'))
            : nothing
        }
      </div>
      <div class="cord-inbox-content cord-scroll-container" @scroll=${(event: Event) => this.loadMoreAtEnd(event)}>
        ${!data ? html`<div class="cord-spinner" role="progressbar" aria-label="Loading"></div>` : nothing}
        ${data && unread.length === 0 && booleanAttribute(this.showPlaceholder, true) ? this.renderPlaceholder() : nothing}
        ${this.renderSection('Unread', 'Show unread', unread, this.showUnread, () => (this.showUnread = !this.showUnread))}
        ${this.renderSection('Read', 'Show read', read, this.showRead, () => (this.showRead = !this.showRead))}
      </div>
    </div>`;
  }

  /** Cord's settings are about the viewer in their group (Slack was linked per group): none without one. */
  private offersSettings(): boolean {
    return booleanAttribute(this.showSettings, true) && Boolean(live.viewer?.groupID);
  }

  private setSettingsOpen(open: boolean) {
    this.settingsOpen = open;
    this.requestUpdate();
  }

  private renderSettingsButton() {
    const label = this.t('inbox:settings_tooltip');
    return html`<button
      type="button"
      class="cord-button cord-tertiary cord-medium"
      data-cord-button="settings"
      aria-label=${label}
      title=${label}
      @click=${() => this.setSettingsOpen(true)}
    >
      ${gearIcon}
    </button>`;
  }

  private renderSettings() {
    const viewer = live.viewer;
    if (!viewer) return nothing;
    return inboxSettings(
      viewer,
      live.serverUrl('/'),
      { back: this.t('sidebar:inbox_tooltip'), close: this.t('sidebar:close_settings_tooltip') },
      {
        back: () => this.setSettingsOpen(false),
        // As in Cord, closing the settings asks to close the inbox too.
        close: () => {
          this.setSettingsOpen(false);
          this.emit('closeRequested');
        },
      },
    );
  }

  private renderPlaceholder() {
    return html`<div class="cord-empty-state-placeholder-with-icon cord-inbox-placeholder">
      <p class="cord-empty-state-title">${this.t('inbox:empty_state_title')}</p>
      <p class="cord-empty-state-body">${this.t('inbox:empty_state_body')}</p>
    </div>`;
  }

  /** A section with Cord's toggle, whose labels Cord never translated. */
  private renderSection(title: string, showTitle: string, entries: InboxEntry[], shown: boolean, toggle: () => void) {
    if (entries.length === 0) return nothing;
    return html`<div class="cord-inbox-section">
      <button
        type="button"
        class="cord-button cord-tertiary cord-small cord-inbox-section-toggle"
        aria-expanded=${String(shown)}
        @click=${() => {
          toggle();
          this.requestUpdate();
        }}
      >
        ${shown ? title : showTitle}
      </button>
      ${
        shown
          ? repeat(
              entries,
              (entry) => entry.threadId ?? entry.notifications[0]!.id,
              (entry) => this.renderEntry(entry),
            )
          : nothing
      }
    </div>`;
  }

  private renderEntry(entry: InboxEntry) {
    const key = entry.threadId ?? entry.notifications[0]!.id;
    const expanded = this.expanded === key;
    return html`<div
      class="cord-inbox-thread ${entry.unread ? 'cord-unseen' : ''} ${expanded ? 'cord-expanded' : ''}"
      data-cord-thread-id=${entry.threadId ?? nothing}
    >
      <div class="cord-inbox-thread-header">
        <p class="cord-inbox-thread-headline">${headline(entry.notifications[0]!)}</p>
        ${
          entry.unread
            ? html`<button
              type="button"
              class="cord-button cord-tertiary cord-small"
              data-cord-button="mark-as-read"
              @click=${() => this.inbox.markAsRead(entry)}
            >
              ${this.t('thread:mark_as_read_action')}
            </button>`
            : nothing
        }
      </div>
      ${
        entry.threadId
          ? html`<div
            class="cord-inbox-thread-body"
            @click=${() => {
              if (expanded) return;
              this.expanded = key;
              this.requestUpdate();
            }}
          >
            <cord-thread thread-id=${entry.threadId} collapsed=${expanded ? 'false' : 'true'}></cord-thread>
          </div>`
          : nothing
      }
    </div>`;
  }
}

/** A notification's header as text ("Minerva Halleck replied to your thread"). */
function headline(notification: CoreNotificationData): string {
  return notification.header
    .map((node) => (node.type === 'text' ? node.text : (node.user.displayName ?? live.user(node.userID)?.displayName)))
    .join('');
}
