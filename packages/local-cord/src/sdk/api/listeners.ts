import type { ListenerRef } from '@cord-sdk/types';

/** The listeners an API module handed out, each by the ref Cord returns (small integers from 0). */
export class Listeners {
  private next = 0;
  private readonly active = new Map<ListenerRef, () => void>();

  /** Registers how to stop a listener; returns its ref. */
  add(stop: () => void): ListenerRef {
    const ref = this.next++;
    this.active.set(ref, stop);
    return ref;
  }

  /** Stops a listener; false if the ref was not live. */
  remove(ref: ListenerRef): boolean {
    const stop = this.active.get(ref);
    if (!stop) return false;
    this.active.delete(ref);
    stop();
    return true;
  }
}
