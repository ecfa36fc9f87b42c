import { html } from 'lit';
import { i18n } from '../runtime.ts';
import { type PopupPlace, popupStyle } from './popup.ts';

export interface ShareActions {
  /** Back to the thread's menu. */
  back(): void;
  share(email: string): void;
}

/**
 * Cord's "Share via email" menu, in place of the thread's menu: a way back, then an e-mail
 * address to send the thread to (local Cord puts the e-mail in its Outbox).
 */
export function shareToEmailMenu(place: PopupPlace | undefined, actions: ShareActions) {
  // In the namespace, so Cord's `$t(share_via_email_action)` in these strings finds its target.
  const t = (key: string) => i18n.t(key, { ns: 'thread' });
  return html`<div class="cord-menu cord-options-menu cord-share-to-email-menu" role="menu" style=${popupStyle(place)}>
    <button type="button" class="cord-menu-navigation-item" data-cord-menu-item="share-via-email-back" @click=${() => actions.back()}>
      ‹ ${t('share_via_email_header')}
    </button>
    <div class="cord-separator" role="separator"></div>
    <form
      class="cord-email-form"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem('email') as HTMLInputElement;
        actions.share(input.value.trim());
      }}
    >
      <input
        class="cord-email-input"
        type="email"
        name="email"
        required
        autofocus
        aria-label=${t('share_via_email_action')}
        placeholder=${t('share_via_email_placeholder')}
      />
      <button type="submit" class="cord-button cord-primary cord-small" data-cord-button="share-via-email">
        ${t('share_via_email_button_action')}
      </button>
    </form>
  </div>`;
}
