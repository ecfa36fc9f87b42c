import type { ReactiveControllerHost } from 'lit';
import { type MessageContent, plaintextOf } from '../../protocol/content.ts';
import type { UserData } from '../../protocol/views.ts';
import { RichEditor } from '../editor/richEditor.ts';
import { live } from '../runtime.ts';
import type { EditorFieldActions, EditorFieldState } from '../ui/editorField.ts';
import { isSendKey } from '../ui/keys.ts';
import { MentionController } from './mentionController.ts';

export interface EditorHooks {
  /** The group whose members the `@` list offers. */
  groupId(): string | undefined;
  /** The plain text changed (typing, length checks, whether there is anything to send). */
  changed(text: string): void;
  /** Enter: send or save. */
  submit(): void;
  /** Escape, with no `@` list open. */
  escape(event: KeyboardEvent): void;
}

/**
 * One message editor's behaviour, for the composer and for editing a message alike: the
 * rich editor on the rendered element, its `@` list, the keys (the list's first, then
 * formatting, then Enter and Escape), and emoji put in at the caret.
 */
export class EditorController {
  private editor: RichEditor | undefined;
  private readonly mentions: MentionController;
  private text = '';

  constructor(
    host: Pick<ReactiveControllerHost, 'requestUpdate'>,
    private readonly hooks: EditorHooks,
  ) {
    this.mentions = new MentionController(host);
  }

  /** The editor's content as Cord's message content (empty before it is rendered). */
  content(): MessageContent {
    return this.editor?.content() ?? [];
  }

  clear() {
    this.editor?.clear();
    this.mentions.close();
    this.input();
  }

  /** Puts content (back) in the editor, mentions named as the page knows them now. */
  setContent(content: MessageContent) {
    this.editor?.setContent(content, (id) => live.user(id)?.displayName);
    this.input();
  }

  insertEmoji(emoji: string) {
    this.editor?.insertText(emoji);
    this.input();
  }

  state(placeholder: string, disabled: boolean, label = placeholder): EditorFieldState {
    return { placeholder, label, disabled, mentions: this.mentions.open ? this.mentions : null };
  }

  readonly actions: EditorFieldActions = {
    attach: (element, initial) => {
      if (!(element instanceof HTMLElement) || this.editor?.root === element) return;
      this.editor = new RichEditor(element);
      if (initial) this.setContent(initial);
    },
    keydown: (event) => {
      const editor = this.editor;
      if (!editor || this.mentions.keydown(event, this.actions.pickMention)) return;
      if (event.key === 'Escape') this.hooks.escape(event);
      else if (editor.handleKey(event)) this.input();
      else if (isSendKey(event)) {
        event.preventDefault();
        this.hooks.submit();
      }
    },
    input: () => this.input(),
    blur: () => this.mentions.close(),
    pickMention: (user: UserData) => {
      this.editor?.insertMention(user.id, user.displayName);
      this.mentions.close();
      this.input();
    },
  };

  private input() {
    const editor = this.editor;
    if (!editor) return;
    const text = plaintextOf(editor.content());
    if (text !== this.text) {
      this.text = text;
      this.hooks.changed(text);
    }
    this.mentions.follow(editor.mentionQuery(), this.hooks.groupId());
  }
}
