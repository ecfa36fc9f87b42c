import { html } from 'lit';
import type { ViewerData } from '../../protocol/views.ts';
import { avatar } from './avatar.ts';

export interface InboxSettingsLabels {
  /** The back button's label: Cord's name for the inbox ("All updates"). */
  back: string;
  close: string;
}

export interface InboxSettingsActions {
  back: () => void;
  close: () => void;
}

/**
 * The inbox's settings page (`.cord-component-settings`, in the inbox's place), as Cord lays it
 * out: back and close, then the viewer's profile and their notification preferences. Cord's
 * preferences turned Slack and e-mail notifications on or off; local Cord sends neither, so
 * the section says where the e-mails Cord would send are shown instead: the Outbox of local
 * Cord's inspector (`inspectorUrl`). Cord's section titles were English in every language.
 */
export function inboxSettings(
  viewer: ViewerData,
  inspectorUrl: string,
  labels: InboxSettingsLabels,
  actions: InboxSettingsActions,
) {
  return html`<div class="cord-component-settings cord-inbox-settings" role="region" aria-label="Collaboration settings">
    <div class="cord-inbox-settings-nav">
      <button
        type="button"
        class="cord-button cord-secondary cord-medium"
        data-cord-button="settings-back"
        @click=${actions.back}
      >
        <span aria-hidden="true">‹</span> ${labels.back}
      </button>
      <button
        type="button"
        class="cord-button cord-secondary cord-medium cord-close-button"
        data-cord-button="close-settings"
        aria-label=${labels.close}
        title=${labels.close}
        @click=${actions.close}
      >
        ✕
      </button>
    </div>
    <div class="cord-inbox-settings-content cord-scroll-container">
      <p class="cord-inbox-settings-title">Collaboration settings</p>
      <section class="cord-inbox-settings-section">
        <p class="cord-inbox-settings-section-title">Profile</p>
        <div class="cord-inbox-settings-profile">
          ${avatar(viewer)}<span class="cord-inbox-settings-name">${viewer.name ?? viewer.displayName}</span>
        </div>
      </section>
      <section class="cord-inbox-settings-section">
        <p class="cord-inbox-settings-section-title">Notification preferences</p>
        <p class="cord-inbox-settings-note">
          Local Cord sends no e-mail and posts nothing to Slack. The e-mails Cord would send you are kept in the
          Outbox of <a href=${inspectorUrl} target="_blank" rel="noopener">local Cord's inspector</a>.
        </p>
      </section>
    </div>
  </div>`;
}
