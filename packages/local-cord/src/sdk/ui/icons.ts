import { html, nothing, type TemplateResult } from 'lit';

// Cord's few drawn icons that local Cord's elements show (the rest are text glyphs).

/** Cord's ChatAdd: a speech bubble with a plus, on "Add comment" buttons. */
export const chatAddIcon = html`<svg class="cord-icon" viewBox="0 0 20 20" aria-hidden="true">
  <path d="M10 3a7 7 0 1 0 3.3 13.2L17 17l-.8-3.6A7 7 0 0 0 10 3Z" fill="none" stroke="currentColor" />
  <path d="M10 7v6M7 10h6" stroke="currentColor" />
</svg>`;

/** A tray, on inbox buttons. */
export const trayIcon = html`<svg class="cord-icon" viewBox="0 0 20 20" aria-hidden="true">
  <path d="M3 11h4l1 2h4l1-2h4M3 11l2-7h10l2 7v5H3Z" fill="none" stroke="currentColor" />
</svg>`;

/** Cord's Gear, on the inbox's settings button. */
export const gearIcon = html`<svg class="cord-icon" viewBox="0 0 20 20" aria-hidden="true">
  <circle cx="10" cy="10" r="2.5" fill="none" stroke="currentColor" />
  <path
    d="M10 2.5v2.2M10 15.3v2.2M2.5 10h2.2M15.3 10h2.2M4.7 4.7l1.6 1.6M13.7 13.7l1.6 1.6M4.7 15.3l1.6-1.6M13.7 6.3l1.6-1.6"
    stroke="currentColor"
  />
  <circle cx="10" cy="10" r="5.3" fill="none" stroke="currentColor" />
</svg>`;

/**
 * A button's icon as Cord's `icon-url` attributes choose it: Cord's own when not given,
 * none for "", the picture at a valid URL; an invalid URL gives none and Cord's console error.
 */
export function iconFromUrl(url: string | null | undefined, fallback: TemplateResult, componentName: string) {
  if (url === null || url === undefined) return fallback;
  if (url === '') return nothing;
  try {
    // Cord takes absolute URLs only.
    return html`<img class="cord-icon" src=${new URL(url).href} alt="" />`;
  } catch {
    const message = `${componentName}: Invalid URL: ${url}`;
    if (!reported.has(message)) console.error(message);
    reported.add(message);
    return nothing;
  }
}

/** Invalid icon URLs already reported: elements render often, the console hears once. */
const reported = new Set<string>();
