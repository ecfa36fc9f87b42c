import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the element can be read now: on screen (in the viewport) in a tab that is showing.
 * Cord marks messages seen only once the reader could see them; the element is updated when
 * either changes, so it can mark them then.
 */
export class InViewController implements ReactiveController {
  private intersecting = false;
  private observer: IntersectionObserver | undefined;
  private readonly visibilityChanged = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  get inView(): boolean {
    return this.intersecting && document.visibilityState === 'visible';
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.visibilityChanged);
    // A DOM without IntersectionObserver (a test's) counts the element as on screen.
    if (typeof IntersectionObserver === 'undefined') {
      this.intersecting = true;
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      const intersecting = entries.at(-1)?.isIntersecting ?? this.intersecting;
      if (intersecting === this.intersecting) return;
      this.intersecting = intersecting;
      this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.visibilityChanged);
    this.observer?.disconnect();
    this.observer = undefined;
    this.intersecting = false;
  }
}
