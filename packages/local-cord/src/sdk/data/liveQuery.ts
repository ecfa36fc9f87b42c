import type { ServerEvent } from '../../protocol/events.ts';
import type { ActiveQuery, LiveData } from './liveData.ts';

/**
 * One thing the page observes (a thread, a list of threads, a user...): its current value,
 * the listeners that want it, and the one server subscription that keeps it live however
 * many listeners there are. Started when its first listener comes (and again after every
 * sign-in), stopped when its last goes. Its value is replaced, never changed in place, so
 * a listener can tell a change by identity.
 */
export abstract class LiveQuery<T> implements ActiveQuery {
  private readonly listeners = new Set<(value: T) => void>();

  protected constructor(
    protected readonly live: LiveData,
    readonly key: string,
    private current: T,
  ) {}

  get value(): T {
    return this.current;
  }

  /** Adds a listener; it is not called now (read `value` for that). Returns how to remove it. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.live.activate(this);
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.live.deactivate(this);
    };
  }

  protected publish(value: T) {
    this.current = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  /** Asks the server for the value and to be kept told (the viewer is signed in). */
  abstract start(): void;
  /** Tells the server to stop (the last listener went). */
  abstract stop(): void;
  /** Back to the value before any answer: signed out, or another user signed in. */
  abstract reset(): void;
  /** A pushed event; each query takes the ones about it. */
  handle(_event: ServerEvent): void {}
}
