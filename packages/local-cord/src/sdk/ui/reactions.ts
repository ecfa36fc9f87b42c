import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { MessageData } from '../../protocol/views.ts';
import { i18n, text } from '../runtime.ts';
import { emojiPicker } from './emojiPicker.ts';
import type { PopupPlace } from './popup.ts';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '✅'];

export interface ReactionActions {
  react(messageId: string, emoji: string, on: boolean): void;
  /** Opens (under `anchor`) or closes the emoji picker. */
  togglePicker(messageId: string, anchor?: Element): void;
}

export interface ReactionsState {
  viewerId: string | undefined;
  pickingReaction: boolean;
  /** The pills; false shows only the add button (cord-reactions' `show-reaction-list`). */
  showList?: boolean;
  /** An add button after the pills (cord-reactions); in messages it sits with the options instead. */
  showAddButton?: boolean;
  /** Names for the "who reacted" tooltips. */
  userName?: (id: string) => string | undefined;
  /** Where the open picker shows. */
  popupAt?: PopupPlace | undefined;
}

/** Each emoji once, in the order first used, with who reacted with it. */
function byEmoji(message: MessageData): Array<{ emoji: string; userIds: string[] }> {
  const users = new Map<string, string[]>();
  for (const { reaction, userID } of message.reactions) users.set(reaction, [...(users.get(reaction) ?? []), userID]);
  return [...users].map(([emoji, userIds]) => ({ emoji, userIds }));
}

/** "You, Ann reacted with 👍". */
function whoReacted(emoji: string, userIds: string[], state: ReactionsState): string {
  const names = userIds.map((id) =>
    id === state.viewerId ? text('user:viewer_user_short') : (state.userName?.(id) ?? id),
  );
  // `formatParams` keeps the names out of i18next's cache key for its Intl list formatter.
  return i18n.t('message:reaction_with_emoji_name_tooltip', {
    users: names,
    emojiName: emoji,
    count: names.length,
    formatParams: { users: {} },
  });
}

export function addReactionButton(
  messageId: string,
  state: ReactionsState,
  actions: ReactionActions,
  disabled = false,
) {
  return html`<button
    type="button"
    class="cord-button cord-secondary cord-small cord-add-reaction"
    data-cord-button="select-emoji"
    aria-label=${text('message:add_reaction_action')}
    aria-expanded=${state.pickingReaction ? 'true' : 'false'}
    ?disabled=${disabled}
    @click=${(event: Event) => actions.togglePicker(messageId, event.currentTarget as Element)}
  >
    ☺︎+
  </button>`;
}

/** The emoji to pick from: a few at hand, then every emoji; picking one the viewer already used takes it back. */
function picker(
  message: MessageData,
  state: ReactionsState,
  mine: (emoji: string) => boolean,
  actions: ReactionActions,
) {
  return emojiPicker(
    text('message:add_reaction_action'),
    (emoji) => {
      actions.togglePicker(message.id);
      actions.react(message.id, emoji, !mine(emoji));
    },
    state.popupAt,
    QUICK_REACTIONS,
  );
}

/**
 * Cord's `div.cord-reactions-container`: a pill per emoji (yours pressed) telling who reacted
 * on hover or focus (Cord's tooltip), the add button, the picker.
 */
export function reactions(message: MessageData, state: ReactionsState, actions: ReactionActions) {
  const pills = byEmoji(message);
  const showList = state.showList ?? true;
  if (pills.length === 0 && !state.pickingReaction && !state.showAddButton) return nothing;
  const mine = (emoji: string) =>
    state.viewerId !== undefined && message.reactions.some((r) => r.reaction === emoji && r.userID === state.viewerId);
  return html`<div class="cord-reactions-container">
    ${
      showList
        ? html`<div class="cord-reaction-list">
          ${pills.map((reaction) => {
            const pressed = mine(reaction.emoji);
            return html`<button
              type="button"
              class=${classMap({ 'cord-pill': true, 'cord-from-viewer': pressed })}
              aria-pressed=${pressed ? 'true' : 'false'}
              aria-label="${reaction.emoji} ${reaction.userIds.length}"
              @click=${() => actions.react(message.id, reaction.emoji, !pressed)}
            >
              <span class="cord-emoji">${reaction.emoji}</span><p class="cord-count">${reaction.userIds.length}</p>
              <span class="cord-tooltip" role="tooltip">${whoReacted(reaction.emoji, reaction.userIds, state)}</span>
            </button>`;
          })}
          ${state.showAddButton ? addReactionButton(message.id, state, actions) : nothing}
        </div>`
        : state.showAddButton
          ? addReactionButton(message.id, state, actions)
          : nothing
    }
    ${state.pickingReaction ? picker(message, state, mine, actions) : nothing}
  </div>`;
}
