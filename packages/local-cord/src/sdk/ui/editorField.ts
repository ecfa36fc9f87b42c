import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { MessageContent } from '../../protocol/content.ts';
import type { UserData } from '../../protocol/views.ts';
import { type MentionListState, mentionList } from './mentionList.ts';

export interface EditorFieldState {
  placeholder: string;
  label: string;
  disabled: boolean;
  mentions: MentionListState | null;
}

export interface EditorFieldActions {
  /** The rendered editor element, with the content it starts with (a message being edited). */
  attach(element: Element | undefined, initial?: MessageContent): void;
  keydown(event: KeyboardEvent): void;
  input(): void;
  blur(): void;
  pickMention(user: UserData): void;
}

/**
 * Cord's editor (`div.cord-editor-container`): a rich text field the page cannot fill with
 * markup (the controller's editor writes it; lit never renders into it), and the `@` list.
 */
export function editorField(
  state: EditorFieldState,
  actions: EditorFieldActions,
  options: { className: string; initial?: MessageContent; focus?: () => void; blur?: () => void },
) {
  return html`<div class="cord-editor-container">
    <div
      class=${options.className}
      contenteditable=${state.disabled ? 'false' : 'true'}
      role="textbox"
      aria-multiline="true"
      placeholder=${state.placeholder}
      aria-label=${state.label}
      aria-disabled=${state.disabled ? 'true' : 'false'}
      ${ref((element) => actions.attach(element, options.initial))}
      @keydown=${actions.keydown}
      @input=${actions.input}
      @keyup=${actions.input}
      @click=${actions.input}
      @focus=${() => options.focus?.()}
      @blur=${() => {
        actions.blur();
        options.blur?.();
      }}
    ></div>
    ${mentionList(state.mentions, actions.pickMention)}
  </div>`;
}
