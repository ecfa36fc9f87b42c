import type { NotificationListFilter } from '@cord-sdk/types';
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { notificationFilter } from '../api/notificationSDK.ts';
import { NotificationCountsQuery } from '../data/notificationQueries.ts';
import { live } from '../runtime.ts';
import { bellIcon } from '../ui/notification.ts';
import { flagAttribute, parseJsonAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { LiveController } from './liveController.ts';

/** Cord's badge shows 1 to 9, then "9+". */
const BADGE_MAX = 9;

/**
 * `<cord-notification-list-launcher>`: Cord's bell button with the number of unread
 * notifications as a badge; a click opens `<cord-notification-list>` under it (Escape or a
 * click elsewhere closes it). Clicks on the notifications in it bubble out of this element
 * as `cord-notification:click`.
 */
export class CordNotificationListLauncher extends CordElement {
  static override properties = {
    ...CordElement.properties,
    label: {},
    iconUrl: { attribute: 'icon-url' },
    badgeStyle: { attribute: 'badge-style' },
    disabled: {},
    maxCount: { attribute: 'max-count' },
    fetchAdditionalCount: { attribute: 'fetch-additional-count' },
    showPlaceholder: { attribute: 'show-placeholder' },
    filter: {},
    open: { state: true },
  };
  declare label: string | null;
  declare iconUrl: string | null;
  /** Deprecated in Cord and ignored by its v1 launcher: the badge is styled with CSS. */
  declare badgeStyle: string | null;
  declare disabled: string | boolean | null;
  declare maxCount: string | null;
  declare fetchAdditionalCount: string | null;
  declare showPlaceholder: string | null;
  declare filter: string | null;
  declare open: boolean;

  private readonly unread = new LiveController<number | undefined>(this);
  private readonly closeOnOutsideClick = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };
  private readonly closeOnEscape = (event: KeyboardEvent) => {
    if (this.open && event.key === 'Escape') this.open = false;
  };
  /** A notification clicked in the list opens its thread: the list has done its job. */
  private readonly closeOnNotificationClick = () => {
    this.open = false;
  };

  constructor() {
    super();
    this.open = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.closeOnOutsideClick);
    document.addEventListener('keydown', this.closeOnEscape);
    this.addEventListener('cord-notification:click', this.closeOnNotificationClick);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.closeOnOutsideClick);
    document.removeEventListener('keydown', this.closeOnEscape);
    this.removeEventListener('cord-notification:click', this.closeOnNotificationClick);
  }

  protected override willUpdate() {
    const filter = notificationFilter(parseJsonAttribute<NotificationListFilter>(this.filter));
    this.unread.use(live.query(NotificationCountsQuery.key(filter), () => new NotificationCountsQuery(live, filter)));
  }

  protected renderContent() {
    const unread = this.unread.value ?? 0;
    const label = this.label ?? '';
    const name = label || this.t('notifications:notifications_title');
    const classes = {
      'cord-button': true,
      'cord-secondary': true,
      'cord-medium': true,
      'cord-with-icon': this.iconUrl !== '',
      'cord-with-text': label !== '',
      'cord-badge': unread > 0,
      'cord-active': this.open,
    };
    return html`<button
        type="button"
        class=${classMap(classes)}
        data-cord-button="open-notification-list"
        data-cord-badge-count=${ifDefined(unread > 0 ? badge(unread) : undefined)}
        aria-label=${unread > 0 ? `${name}, ${unread} unread` : name}
        aria-haspopup="true"
        aria-expanded=${this.open ? 'true' : 'false'}
        ?disabled=${flagAttribute(this.disabled)}
        @click=${this.toggle}
      >
        ${this.icon()} ${label ? html`<p class="cord-button-label">${label}</p>` : nothing}
      </button>
      ${
        this.open
          ? html`<div class="cord-notification-list-launcher-popup">
            <cord-notification-list
              max-count=${ifDefined(this.maxCount ?? undefined)}
              fetch-additional-count=${ifDefined(this.fetchAdditionalCount ?? undefined)}
              show-placeholder=${ifDefined(this.showPlaceholder ?? undefined)}
              filter=${ifDefined(this.filter ?? undefined)}
            ></cord-notification-list>
          </div>`
          : nothing
      }`;
  }

  private icon() {
    if (this.iconUrl === '') return nothing;
    if (this.iconUrl === null || this.iconUrl === undefined) return bellIcon;
    if (!URL.canParse(this.iconUrl, window.location.href)) {
      console.error(`NotificationListLauncher: Invalid URL: ${this.iconUrl}`);
      return bellIcon;
    }
    return html`<img class="cord-icon" src=${this.iconUrl} alt="" />`;
  }

  private readonly toggle = () => {
    this.emit('click');
    this.open = !this.open;
  };
}

function badge(count: number): string {
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(count);
}
