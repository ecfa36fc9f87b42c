import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { MessageData } from '../../protocol/views.ts';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀'];

export interface ReactionActions {
  react(messageId: string, emoji: string, on: boolean): void;
  togglePicker(messageId: string): void;
}

/** Each emoji once, in the order first used, with who reacted with it. */
function byEmoji(message: MessageData): Array<{ emoji: string; userIds: string[] }> {
  const users = new Map<string, string[]>();
  for (const { reaction, userID } of message.reactions) users.set(reaction, [...(users.get(reaction) ?? []), userID]);
  return [...users].map(([emoji, userIds]) => ({ emoji, userIds }));
}

/** A message's reaction pills (yours pressed), and the picker while it is open. */
export function reactions(
  message: MessageData,
  state: { viewerId: string | undefined; pickingReaction: boolean },
  actions: ReactionActions,
) {
  const pills = byEmoji(message);
  if (pills.length === 0 && !state.pickingReaction) return nothing;
  return html`<div class="cord-reactions-container">
    ${pills.map((reaction) => {
      const mine = state.viewerId !== undefined && reaction.userIds.includes(state.viewerId);
      return html`<button
        type="button"
        class=${classMap({ 'cord-pill': true, 'cord-from-viewer': mine })}
        aria-pressed=${mine ? 'true' : 'false'}
        aria-label="${reaction.emoji} ${reaction.userIds.length}"
        @click=${() => actions.react(message.id, reaction.emoji, !mine)}
      >
        <span class="cord-emoji">${reaction.emoji}</span><span class="cord-count">${reaction.userIds.length}</span>
      </button>`;
    })}
    ${
      state.pickingReaction
        ? html`<span class="cord-reaction-picker" role="menu">
          ${QUICK_REACTIONS.map(
            (emoji) => html`<button
              type="button"
              role="menuitem"
              class="cord-pill"
              @click=${() => {
                actions.togglePicker(message.id);
                actions.react(message.id, emoji, true);
              }}
            >
              ${emoji}
            </button>`,
          )}
        </span>`
        : nothing
    }
  </div>`;
}
