import { html, nothing } from 'lit';
import { updateMessage } from '../api/messageWrites.ts';
import { live } from '../runtime.ts';
import { EMOJI_PICKER_SIZE, type PopupPlace, placeUnder } from '../ui/popup.ts';
import { addReactionButton, type ReactionActions, reactions } from '../ui/reactions.ts';
import { booleanAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { MessageLookup } from './messageLookup.ts';

/** `<cord-reactions>`: a message's reaction pills and the button to add one; live. */
export class CordReactions extends CordElement {
  static override properties = {
    ...CordElement.properties,
    threadId: { attribute: 'thread-id' },
    messageId: { attribute: 'message-id' },
    showAddReactionButton: { attribute: 'show-add-reaction-button' },
    showReactionList: { attribute: 'show-reaction-list' },
  };
  declare threadId: string | null;
  declare messageId: string | null;
  declare showAddReactionButton: string | null;
  declare showReactionList: string | null;

  private readonly lookup = new MessageLookup(this);
  private picking = false;
  private pickerAt: PopupPlace | undefined;

  protected override willUpdate() {
    this.lookup.use(this.threadId || undefined, this.messageId || undefined);
  }

  private readonly actions: ReactionActions = {
    react: (messageId, emoji, on) => {
      updateMessage(live, messageId, on ? { addReactions: [emoji] } : { removeReactions: [emoji] }).catch(
        (error: Error) => console.warn(`Cord: the reaction could not be changed: ${error.message}`),
      );
    },
    togglePicker: (_messageId, anchor) => {
      this.picking = !this.picking;
      this.pickerAt = placeUnder(anchor, EMOJI_PICKER_SIZE);
      this.requestUpdate();
    },
  };

  protected renderContent() {
    const showAddButton = booleanAttribute(this.showAddReactionButton, true);
    const shown = this.lookup.message;
    const state = {
      viewerId: live.viewer?.id,
      pickingReaction: this.picking,
      popupAt: this.pickerAt,
      showList: booleanAttribute(this.showReactionList, true),
      showAddButton,
      userName: (id: string) => live.user(id)?.displayName,
    };
    if (!shown) {
      // Until the message is known only a disabled add button shows, as in Cord.
      return showAddButton
        ? html`<div class="cord-reactions-container">${addReactionButton('', state, this.actions, true)}</div>`
        : nothing;
    }
    return html`${reactions(shown, state, this.actions)}`;
  }
}
