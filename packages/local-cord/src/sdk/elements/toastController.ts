import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Cord's toasts stay about three seconds. */
const SHOWN_MS = 3_000;

/**
 * Cord's toast (`div.cord-toast-popup`): a line saying what the viewer's action did ("You
 * resolved this thread", "Shared to ann@example.com"), over the element, gone after a few
 * seconds; a newer one replaces it.
 */
export class ToastController implements ReactiveController {
  private label: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  show(label: string) {
    clearTimeout(this.timer);
    this.label = label;
    this.timer = setTimeout(() => {
      this.label = null;
      this.host.requestUpdate();
    }, SHOWN_MS);
    this.host.requestUpdate();
  }

  hostConnected() {}

  hostDisconnected() {
    clearTimeout(this.timer);
    this.label = null;
  }

  render() {
    if (this.label === null) return nothing;
    return html`<div class="cord-toast-popup" role="status">
      <div class="cord-toast"><p class="cord-label">${this.label}</p></div>
    </div>`;
  }
}
