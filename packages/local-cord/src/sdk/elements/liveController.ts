import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveQuery } from '../data/liveQuery.ts';
import { live } from '../runtime.ts';

/**
 * Keeps an element rendered from the data layer: it subscribes the element to the query
 * it shows (swapped when the element's attributes change), and to the users it names and asks for an update when any of them changes.
 */
export class LiveController<T> implements ReactiveController {
  private query: LiveQuery<T> | undefined;
  private stopQuery: (() => void) | undefined;
  private stopLive: Array<() => void> = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The query to show; the same one again changes nothing. */
  use(query: LiveQuery<T> | undefined) {
    if (query === this.query) return;
    this.stopQuery?.();
    this.query = query;
    this.stopQuery = query?.subscribe(() => this.host.requestUpdate());
  }

  get value(): T | undefined {
    return this.query?.value;
  }

  get current(): LiveQuery<T> | undefined {
    return this.query;
  }

  hostConnected() {
    this.stopLive = [live.onUsers(() => this.host.requestUpdate())];
  }

  hostDisconnected() {
    for (const stop of this.stopLive) stop();
    this.stopLive = [];
    this.use(undefined);
  }
}
