import type { MessageContent, MessageNode } from '../../protocol/content.ts';
import { INDENT_ATTRIBUTE, MARK_TAGS, type MarkName, MENTION_ATTRIBUTE } from './editorDom.ts';

// Cord's message content as the editor's DOM, to edit a message: the inverse of
// contentFromDom. Text goes in as text nodes, never as markup.

type Inline = Extract<MessageNode, { text: string }>;

const BLOCK_TYPES = new Set<string | undefined>(['p', 'quote', 'code', 'bullet', 'number_bullet']);

/** A mention as the editor holds it: one piece the caret steps over, named as it is now. */
export function mentionElement(userId: string, name: string): HTMLElement {
  const element = document.createElement('span');
  element.className = 'cord-user-mention';
  element.setAttribute(MENTION_ATTRIBUTE, userId);
  element.setAttribute('contenteditable', 'false');
  element.textContent = `@${name}`;
  return element;
}

function textNode(node: Inline): Node {
  let shown: Node = document.createTextNode(node.text);
  for (const mark of ['code', 'underline', 'italic', 'bold'] as MarkName[]) {
    if (!node[mark]) continue;
    const wrapper = document.createElement(MARK_TAGS[mark].write);
    wrapper.appendChild(shown);
    shown = wrapper;
  }
  return shown;
}

function inline(node: MessageNode, userName: (id: string) => string | undefined): Node {
  switch (node.type) {
    case undefined:
      return textNode(node);
    case 'mention': {
      const stored = node.children.map((child) => ('text' in child ? child.text : '')).join('');
      return mentionElement(node.user.id, userName(node.user.id) ?? stored.replace(/^@/, ''));
    }
    case 'link': {
      const link = document.createElement('a');
      link.href = node.url;
      for (const child of node.children) link.appendChild(inline(child, userName));
      return link;
    }
    default:
      // Anything else inline (an assignee, an app's node) keeps its text.
      return document.createTextNode(plainText(node));
  }
}

function plainText(node: MessageNode): string {
  if (node.type === undefined) return node.text;
  return 'children' in node ? node.children.map(plainText).join('') : '';
}

function block(tag: string, children: readonly MessageNode[], userName: (id: string) => string | undefined) {
  const element = document.createElement(tag);
  for (const child of children) {
    element.appendChild(BLOCK_TYPES.has(child.type) ? nodeToDom(child, userName) : inline(child, userName));
  }
  // An empty block needs a <br> to take the caret, as browsers make them.
  if (!element.textContent && !element.querySelector(`[${MENTION_ATTRIBUTE}]`))
    element.appendChild(document.createElement('br'));
  return element;
}

function nodeToDom(node: MessageNode, userName: (id: string) => string | undefined): Node {
  switch (node.type) {
    case 'p':
      return block('p', node.children, userName);
    case 'quote':
      return block('blockquote', node.children, userName);
    case 'code': {
      const pre = document.createElement('pre');
      pre.textContent = plainText(node);
      return pre;
    }
    case 'bullet':
    case 'number_bullet':
      return block('li', node.children, userName);
    default: {
      const holder = document.createElement('p');
      holder.appendChild(inline(node, userName));
      return holder;
    }
  }
}

/**
 * Fills the editor with content. Consecutive list items of one kind and indent share a
 * list, numbered from the first item's number.
 */
export function renderContentInto(
  root: Element,
  content: MessageContent,
  userName: (id: string) => string | undefined,
): void {
  root.replaceChildren();
  let list: HTMLElement | null = null;
  for (const node of content) {
    if (node.type !== 'bullet' && node.type !== 'number_bullet') {
      list = null;
      root.appendChild(nodeToDom(node, userName));
      continue;
    }
    const tag = node.type === 'bullet' ? 'UL' : 'OL';
    const indent = String(node.indent ?? 0);
    if (!list || list.tagName !== tag || list.getAttribute(INDENT_ATTRIBUTE) !== indent) {
      list = document.createElement(tag);
      list.setAttribute(INDENT_ATTRIBUTE, indent);
      if (node.type === 'number_bullet' && (node.bulletNumber ?? 1) !== 1)
        list.setAttribute('start', String(node.bulletNumber));
      root.appendChild(list);
    }
    list.appendChild(nodeToDom(node, userName));
  }
}
