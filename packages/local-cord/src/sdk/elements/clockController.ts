import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { watchWording, wordingChangesAt } from '../ui/timestamp.ts';

const TICK_MS = 1_000;
const clocks = new Set<ClockController>();
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Re-renders an element every second while it is on the page, as Cord's relative times
 * ("just now", "5 mins ago") do. One timer for the whole page, running only while some
 * element shows a time. An element whose only aging content is its times (`timesOnly`) is
 * re-rendered only once one of them reads differently: a page of 200 messages "just now"
 * would otherwise render them all again every second for a minute, to the same words.
 */
export class ClockController implements ReactiveController {
  /** When a time the host shows next reads differently (timesOnly). */
  private changesAt = Number.POSITIVE_INFINITY;
  /** The update under way was the clock's: the host renders every time it shows again. */
  private ticked = false;

  private readonly timesOnly: boolean;

  constructor(
    private readonly host: ReactiveControllerHost,
    { timesOnly = false }: { timesOnly?: boolean } = {},
  ) {
    this.timesOnly = timesOnly;
    host.addController(this);
  }

  hostConnected() {
    clocks.add(this);
    timer ??= setInterval(() => {
      for (const clock of clocks) clock.tick();
    }, TICK_MS);
  }

  hostDisconnected() {
    clocks.delete(this);
    if (clocks.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  hostUpdate() {
    if (this.timesOnly) watchWording();
  }

  hostUpdated() {
    if (!this.timesOnly) return;
    // Other updates may render only some of the times (the threaded comments' changed
    // threads): the others still change when they did.
    const changesAt = wordingChangesAt();
    this.changesAt = this.ticked ? changesAt : Math.min(this.changesAt, changesAt);
    this.ticked = false;
  }

  private tick() {
    if (this.timesOnly && Date.now() < this.changesAt) return;
    this.ticked = true;
    this.host.requestUpdate();
  }
}
