import type { ReactiveControllerHost } from 'lit';
import type { UserData } from '../../protocol/views.ts';
import { live } from '../runtime.ts';

/** As many as Cord's mention list shows at once. */
const MAX_SUGGESTIONS = 10;

/**
 * The `@` list of an editor: the group's members whose names start with what follows the
 * `@`, asked of local Cord as it changes (it answers only for a group the viewer is in, with
 * that group's members), and the one the keyboard points at.
 */
export class MentionController {
  /** What follows the `@`; null while no `@name` is being typed. */
  query: string | null = null;
  users: readonly UserData[] = [];
  active = 0;
  /** Answers to older queries arriving late are dropped. */
  private asked = 0;
  /** Escape closed the list: it stays closed until this `@name` is left. */
  private dismissed = false;

  constructor(private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>) {}

  get open(): boolean {
    return this.query !== null && this.users.length > 0;
  }

  /** Follows the editor's `@name` (null: none) in a group. */
  follow(query: string | null, groupId: string | undefined) {
    if (query === null) this.dismissed = false;
    if (this.dismissed || query === this.query) return;
    this.query = query;
    const asked = ++this.asked;
    if (query === null || !groupId) {
      this.show([]);
      return;
    }
    live.request({ type: 'users.search', groupId, searchQuery: query }).then(
      ({ users }) => {
        if (asked === this.asked) this.show(users.slice(0, MAX_SUGGESTIONS));
      },
      () => {
        if (asked === this.asked) this.show([]);
      },
    );
  }

  close() {
    this.follow(null, undefined);
  }

  /** Up, down, Enter, Tab and Escape while the list is open; true when the key was the list's. */
  keydown(event: KeyboardEvent, pick: (user: UserData) => void): boolean {
    if (!this.open) return false;
    const count = this.users.length;
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        this.active = (this.active - 1 + count) % count;
        break;
      case 'Enter':
      case 'Tab':
        pick(this.users[this.active]!);
        this.close();
        break;
      case 'Escape':
        this.close();
        this.dismissed = true;
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    this.host.requestUpdate();
    return true;
  }

  private show(users: readonly UserData[]) {
    this.users = users;
    this.active = 0;
    this.host.requestUpdate();
  }
}
