import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TICK_MS = 1_000;
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Re-renders an element every second while it is on the page, as Cord's relative times
 * ("just now", "5 mins ago") do. One timer for the whole page, running only while some
 * element shows a time.
 */
export class ClockController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    hosts.add(this.host);
    timer ??= setInterval(() => {
      for (const host of hosts) host.requestUpdate();
    }, TICK_MS);
  }

  hostDisconnected() {
    hosts.delete(this.host);
    if (hosts.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}
