import { live } from '../runtime.ts';

const BOTH =
  'Must not specify a groupId on the component if the user is signed in with an access token that contains a groupId - choose one or the other.' +
  '\n For more information please refer to https://docs.cord.com/reference/authentication/removing-group-from-token';

/**
 * Cord's group rule for elements that write presence or create threads in a group: the
 * `group-id` attribute or the token's group, not two different ones, and not none. When
 * broken the element renders nothing and says why in the console, once.
 */
export class GroupGuard {
  private reported: string | undefined;

  /** `extra`: what Cord adds to its message (the literal "undefined" for most elements). */
  constructor(
    private readonly componentName: string,
    private readonly extra = 'undefined',
  ) {}

  /**
   * The group to use; undefined while the viewer is not known yet, or when the rule is
   * broken (then reported).
   */
  check(requested: string | null | undefined): string | undefined {
    const viewer = live.viewer;
    if (!viewer) return undefined;
    const tokenGroup = viewer.groupID ?? undefined;
    let problem: string | undefined;
    if (tokenGroup && requested && tokenGroup !== requested) problem = BOTH;
    else if (!tokenGroup && !requested) problem = `Must specify a groupId. ${this.extra}`;
    if (problem) {
      const message = `${this.componentName}: ${problem}`;
      if (message !== this.reported) console.error(message);
      this.reported = message;
      return undefined;
    }
    this.reported = undefined;
    return requested || tokenGroup;
  }
}
