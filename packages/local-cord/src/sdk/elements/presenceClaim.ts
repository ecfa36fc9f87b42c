import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceClaim } from '../data/liveData.ts';
import { live } from '../runtime.ts';

let nextClaim = 0;

/**
 * Says where an element's viewer is present, through the data layer's presence claims
 * (refreshed every 15 s while present, withdrawn when the element says so, moves, or
 * leaves the page). Durable claims also leave Cord's "last seen here".
 */
export class PresenceClaimController implements ReactiveController {
  private readonly claimId = `element-${++nextClaim}`;
  private claim: PresenceClaim | undefined;
  private present = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Where the viewer is (undefined: nowhere), and whether they are there now. */
  set(claim: PresenceClaim | undefined, present: boolean) {
    const same = JSON.stringify(claim) === JSON.stringify(this.claim);
    if (same && present === this.present) return;
    if (!same && this.claim && this.present) live.claimPresence(this.claimId, this.claim, false);
    const wasPresent = same && this.present;
    this.claim = claim;
    this.present = present && claim !== undefined;
    // Saying "absent" where the viewer never said "present" would only cost a request.
    if (claim && (this.present || wasPresent)) live.claimPresence(this.claimId, claim, this.present);
  }

  /** Back on the page: the element works out its claim again. */
  hostConnected() {
    this.host.requestUpdate();
  }

  hostDisconnected() {
    this.set(undefined, false);
  }
}
