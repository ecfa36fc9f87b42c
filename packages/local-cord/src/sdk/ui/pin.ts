import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { UserData } from '../../protocol/views.ts';
import { avatar } from './avatar.ts';

export interface PinState {
  /** The thread has messages the viewer has not seen: the pin turns Cord's notification blue. */
  unread: boolean;
  /** Whose face is on the pin: the thread's first author (the viewer for a draft); none while loading. */
  user: UserData | undefined;
}

/** What the pin's container answers: Cord puts a pin's click and hover on it. */
export interface PinEvents {
  click?(event: MouseEvent): void;
  mouseenter?(): void;
  mouseleave?(): void;
}

/**
 * Cord's annotation pin: a speech bubble (`svg.cord-annotation-pin`, its lower left corner
 * square, pointing at the spot) with the author's round face on it, in
 * `div.cord-pin-container`. `cord-pin` and the pins of floating threads look alike.
 */
export function annotationPin(state: PinState, events: PinEvents = {}) {
  return html`<div
    class=${classMap({ 'cord-pin-container': true, 'cord-unseen': state.unread })}
    @click=${(event: MouseEvent) => events.click?.(event)}
    @mouseenter=${() => events.mouseenter?.()}
    @mouseleave=${() => events.mouseleave?.()}
  >
    <svg class="cord-annotation-pin" viewBox="0 0 34 34" aria-hidden="true">
      <path d="M1 17a16 16 0 1 1 16 16H2.9A1.9 1.9 0 0 1 1 31.1Z" />
    </svg>
    ${state.user ? avatar(state.user, { tooltip: state.user.displayName }) : nothing}
  </div>`;
}
