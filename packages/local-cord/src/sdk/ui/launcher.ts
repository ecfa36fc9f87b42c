import { html, nothing, type TemplateResult } from 'lit';

/** Cord's deprecated `inbox-badge-style`: a count, a dot, or nothing. */
export type BadgeStyle = 'badge_with_count' | 'badge' | 'none';
const BADGE_STYLES: readonly BadgeStyle[] = ['badge_with_count', 'badge', 'none'];

/** Cord's `badge-style` attribute kind: one of the three, else the default. */
export function badgeStyleAttribute(value: string | null | undefined): BadgeStyle {
  return BADGE_STYLES.find((style) => style === value) ?? 'badge_with_count';
}

export interface LauncherState {
  /** The launcher's own class (`cord-sidebar-launcher`, `cord-inbox-launcher`): its CSS variables style it. */
  className: string;
  label: string;
  icon: TemplateResult | typeof nothing;
  /** Unread notifications for the viewer; the badge shows while there are some. */
  count: number;
  badgeStyle: BadgeStyle;
  disabled: boolean;
  expanded?: boolean | undefined;
}

/**
 * Cord's launcher button: a secondary medium button with an icon and a label, and the
 * viewer's unread count as `.cord-badge` (`9+` above nine, through `data-cord-badge-count`).
 */
export function launcherButton(state: LauncherState, click: () => void) {
  const badged = !state.disabled && state.badgeStyle !== 'none' && state.count > 0;
  return html`<button
    type="button"
    class="cord-button cord-secondary cord-medium ${state.className} ${badged ? 'cord-badged' : ''}"
    ?disabled=${state.disabled}
    aria-expanded=${state.expanded === undefined ? nothing : String(state.expanded)}
    @click=${click}
  >
    ${state.icon}${state.label ? html`<span class="cord-button-label">${state.label}</span>` : nothing}
    ${badged ? unreadBadge(state.count, state.badgeStyle) : nothing}
  </button>`;
}

/** Cord's `.cord-badge`: the count (`9+` above nine) through `data-cord-badge-count`, or a dot. */
export function unreadBadge(count: number, style: BadgeStyle = 'badge_with_count') {
  return html`<span
    class="cord-badge"
    role="status"
    aria-label=${`${count} unread`}
    data-cord-badge-count=${style === 'badge' ? nothing : count > 9 ? '9+' : String(count)}
  ></span>`;
}

/** A panel's close button (the inbox's, the sidebar's), with Cord's tooltip. */
export function panelCloseButton(label: string, action: string, close: () => void) {
  return html`<button
    type="button"
    class="cord-button cord-tertiary cord-small cord-close-button"
    data-cord-button=${action}
    aria-label=${label}
    title=${label}
    @click=${close}
  >
    ✕
  </button>`;
}
