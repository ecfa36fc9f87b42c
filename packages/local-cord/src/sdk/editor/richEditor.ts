import type { MessageContent } from '../../protocol/content.ts';
import { mentionElement, renderContentInto } from './contentToDom.ts';
import { contentFromDom } from './domToContent.ts';
import { CARET_ANCHOR, INDENT_ATTRIBUTE, MARK_TAGS } from './editorDom.ts';
import { linkify } from './links.ts';
import { BLOCK_PREFIXES, closingDelimiter, DELIMITER_KEYS, markForShortcut, mentionQuery } from './shortcuts.ts';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/** Caret text: the text node the caret is in, and the text before and after it there. */
interface CaretText {
  node: Text;
  offset: number;
  before: string;
  after: string;
}

/**
 * A contenteditable element as Cord's composer editor: marks by shortcut or by typing
 * delimiters, lists, quotes and code blocks by typing their prefix, paste as plain text,
 * mentions and emoji put in at the caret, and the content read as Cord's message content.
 */
export class RichEditor {
  /** The caret when the editor lost focus, to put an emoji picked elsewhere where it was. */
  private savedRange: Range | null = null;

  constructor(readonly root: HTMLElement) {
    root.addEventListener('paste', (event) => this.paste(event));
    root.addEventListener('blur', () => this.saveCaret());
    root.addEventListener('focus', () => this.ensureParagraph());
  }

  content(): MessageContent {
    return linkify(contentFromDom(this.root));
  }

  setContent(content: MessageContent, userName: (id: string) => string | undefined) {
    renderContentInto(this.root, content, userName);
  }

  clear() {
    this.root.replaceChildren();
    this.savedRange = null;
    // Sent with Enter, the editor keeps the focus: the next message starts in a paragraph too.
    if (document.activeElement === this.root) this.ensureParagraph();
  }

  /** Handles a formatting key; true when it did (the event is then spent). */
  handleKey(event: KeyboardEvent): boolean {
    if (event.isComposing) return false;
    const mark = markForShortcut(event, IS_MAC);
    if (mark) {
      event.preventDefault();
      // The browser's own command keeps the edit undoable.
      document.execCommand(mark);
      return true;
    }
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      const block = this.caretBlock();
      // A new line on an empty last line of a quote leaves the quote, as a list's does.
      if (block && this.quoteOf(block) && !block.textContent?.replaceAll(CARET_ANCHOR, '')) this.liftOut(block);
      else document.execCommand(block?.tagName === 'PRE' ? 'insertLineBreak' : 'insertParagraph');
      return true;
    }
    if (event.key === ' ' && this.blockPrefix()) {
      event.preventDefault();
      return true;
    }
    if (DELIMITER_KEYS.has(event.key) && this.inlineDelimiter(event.key)) {
      event.preventDefault();
      return true;
    }
    if (event.key === 'Backspace' && this.unstyleBlockAtStart()) {
      event.preventDefault();
      return true;
    }
    return false;
  }

  /** The `@name` being typed before the caret, if any. */
  mentionQuery(): string | null {
    const caret = this.caretText();
    return caret ? (mentionQuery(caret.before)?.query ?? null) : null;
  }

  /** Replaces the `@name` being typed with a mention of the user. */
  insertMention(userId: string, name: string) {
    const caret = this.caretText();
    const found = caret && mentionQuery(caret.before);
    if (!caret || !found) return;
    const { node } = caret;
    const rest = node.splitText(found.start);
    rest.data = rest.data.slice(caret.offset - found.start);
    const mention = mentionElement(userId, name);
    const space = document.createTextNode(`\u00A0${rest.data}`);
    rest.replaceWith(mention, space);
    this.placeCaret(space, 1);
  }

  /** Types text at the caret, or where it was when the editor lost focus. */
  insertText(text: string) {
    this.root.focus();
    const selection = document.getSelection();
    if (this.savedRange && selection) {
      selection.removeAllRanges();
      selection.addRange(this.savedRange);
    }
    document.execCommand('insertText', false, text);
  }

  private saveCaret() {
    const selection = document.getSelection();
    const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
    this.savedRange = range && this.root.contains(range.startContainer) ? range.cloneRange() : null;
  }

  /** Typing starts in a paragraph, never as loose text in the editor. */
  private ensureParagraph() {
    if (this.root.textContent || this.root.querySelector('[data-cord-user-id]')) return;
    const paragraph = document.createElement('p');
    paragraph.appendChild(document.createElement('br'));
    this.root.replaceChildren(paragraph);
    this.placeCaret(paragraph, 0);
  }

  private paste(event: ClipboardEvent) {
    // Markup from elsewhere never enters the editor: only its text.
    event.preventDefault();
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text) document.execCommand('insertText', false, text);
  }

  private caretText(): CaretText | null {
    const selection = document.getSelection();
    if (!selection?.isCollapsed || !selection.anchorNode || !this.root.contains(selection.anchorNode)) return null;
    const node = selection.anchorNode;
    if (node.nodeType !== Node.TEXT_NODE) return null;
    const text = node as Text;
    const offset = selection.anchorOffset;
    return { node: text, offset, before: text.data.slice(0, offset), after: text.data.slice(offset) };
  }

  private placeCaret(node: Node, offset: number) {
    const selection = document.getSelection();
    if (!selection) return;
    const range = document.createRange();
    range.setStart(node, offset);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /** The block the caret is in: a paragraph (or a browser's div), list item, or code block. */
  private caretBlock(): HTMLElement | null {
    const selection = document.getSelection();
    let node: Node | null = selection?.anchorNode ?? null;
    while (node && node !== this.root) {
      if (node instanceof HTMLElement && ['P', 'DIV', 'LI', 'PRE'].includes(node.tagName)) return node;
      node = node.parentNode;
    }
    return null;
  }

  /** `- `, `* `, `1. `, `> ` or ```` ``` ```` typed at the start of a paragraph: the block it starts. */
  private blockPrefix(): boolean {
    const caret = this.caretText();
    if (!caret) return false;
    const kind = BLOCK_PREFIXES[caret.before.replaceAll(CARET_ANCHOR, '')];
    if (!kind) return false;
    let block = this.caretBlock();
    if (!block) {
      // Loose text straight in the editor: it becomes the paragraph it should have been.
      if (caret.node.parentNode !== this.root) return false;
      block = document.createElement('p');
      this.root.insertBefore(block, caret.node);
      block.appendChild(caret.node);
    }
    if (!(block.tagName === 'P' || block.tagName === 'DIV') || block.parentElement !== this.root) return false;
    if (this.textBeforeCaret(block) !== caret.before.replaceAll(CARET_ANCHOR, '')) return false;
    caret.node.data = caret.after;
    let target: HTMLElement;
    if (kind === 'quote') {
      const quote = document.createElement('blockquote');
      block.replaceWith(quote);
      quote.appendChild(block);
      target = block;
    } else {
      target = document.createElement(kind === 'code' ? 'pre' : 'li');
      target.append(...block.childNodes);
      if (kind === 'code') {
        block.replaceWith(target);
      } else {
        const tag = kind === 'bullet' ? 'UL' : 'OL';
        const previous = block.previousElementSibling;
        const list =
          previous?.tagName === tag && previous.getAttribute(INDENT_ATTRIBUTE) === '0'
            ? previous
            : document.createElement(tag);
        list.setAttribute(INDENT_ATTRIBUTE, '0');
        list.appendChild(target);
        if (list === previous) block.remove();
        else block.replaceWith(list);
      }
    }
    if (!target.textContent) target.replaceChildren(document.createElement('br'));
    const first = target.firstChild!;
    this.placeCaret(first.nodeType === Node.TEXT_NODE ? first : target, 0);
    return true;
  }

  /** The closing `*`, `_` or `` ` `` of a run typed before the caret: the run gets its mark. */
  private inlineDelimiter(key: string): boolean {
    const caret = this.caretText();
    if (!caret || this.caretBlock()?.tagName === 'PRE') return false;
    const match = closingDelimiter(caret.before, caret.after, key);
    if (!match) return false;
    const inner = caret.before.slice(match.open + match.length, caret.before.length - (match.length - 1));
    const marked = document.createElement(MARK_TAGS[match.mark].write);
    marked.textContent = inner;
    const following = document.createTextNode(CARET_ANCHOR + caret.after);
    caret.node.data = caret.before.slice(0, match.open);
    caret.node.after(marked, following);
    this.placeCaret(following, 1);
    return true;
  }

  /** Backspace at the very start of a list item, quote or code block turns it back into a paragraph. */
  private unstyleBlockAtStart(): boolean {
    const block = this.caretBlock();
    if (!document.getSelection()?.isCollapsed || !block || this.textBeforeCaret(block) !== '') return false;
    if (this.quoteOf(block)) {
      this.liftOut(block);
    } else if (block.tagName === 'LI' || block.tagName === 'PRE') {
      const paragraph = document.createElement('p');
      paragraph.append(...block.childNodes);
      if (!paragraph.firstChild) paragraph.appendChild(document.createElement('br'));
      if (block.tagName === 'PRE') block.replaceWith(paragraph);
      else this.liftOut(block, paragraph);
    } else {
      return false;
    }
    return true;
  }

  /** The block's text from its start to the caret. */
  private textBeforeCaret(block: HTMLElement): string {
    const selection = document.getSelection()!;
    const range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(selection.anchorNode!, selection.anchorOffset);
    return range.toString().replaceAll(CARET_ANCHOR, '');
  }

  private quoteOf(block: HTMLElement): HTMLElement | null {
    return (block.tagName === 'P' || block.tagName === 'DIV') && block.parentElement?.tagName === 'BLOCKQUOTE'
      ? block.parentElement
      : null;
  }

  /**
   * Takes a block out of its list or quote (as `replacement`, a list item's paragraph),
   * splitting the container around it; the caret goes to its start.
   */
  private liftOut(block: HTMLElement, replacement: HTMLElement = block) {
    const container = block.parentElement!;
    const after = container.cloneNode(false) as HTMLElement;
    while (block.nextSibling) after.appendChild(block.nextSibling);
    block.remove();
    container.after(replacement);
    if (after.childNodes.length > 0) replacement.after(after);
    if (container.childNodes.length === 0) container.remove();
    if (!replacement.firstChild) replacement.appendChild(document.createElement('br'));
    this.placeCaret(replacement, 0);
  }
}
