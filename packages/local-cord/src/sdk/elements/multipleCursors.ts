import type { UserData } from '../../protocol/views.ts';
import { type CursorPosition, multipleCursor } from '../ui/liveCursor.ts';
import { CordLiveCursors } from './liveCursors.ts';

/** The colours `<cord-multiple-cursors>` hands out, in order of each user's first appearance. */
const COLORS = ['#9A6AFF', '#EB5757', '#71BC8F', '#F88D76'];

/**
 * `<cord-multiple-cursors>`: Cord's deprecated name for live cursors, kept with the look it
 * had then (a coloured cursor and name, no picture).
 */
export class CordMultipleCursors extends CordLiveCursors {
  private readonly colors = new Map<string, string>();

  protected override renderCursor(user: UserData, position: CursorPosition) {
    let color = this.colors.get(user.id);
    if (!color) {
      color = COLORS[this.colors.size % COLORS.length]!;
      this.colors.set(user.id, color);
    }
    return multipleCursor(user, position, color);
  }
}
