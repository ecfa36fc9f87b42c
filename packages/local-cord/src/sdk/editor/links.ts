import type { MessageContent, MessageNode } from '../../protocol/content.ts';

// Addresses typed in a message become Cord's link nodes when it is sent, as in Cord.

/** http(s) and mailto addresses; a trailing full stop, comma or bracket stays text. */
const ADDRESS = /\b(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)\]'}]/giu;

type TextNode = Extract<MessageNode, { text: string }>;

function splitText(node: TextNode): MessageNode[] {
  if (node.code) return [node];
  const pieces: MessageNode[] = [];
  let from = 0;
  for (const match of node.text.matchAll(ADDRESS)) {
    if (match.index > from) pieces.push({ ...node, text: node.text.slice(from, match.index) });
    pieces.push({ type: 'link', url: match[0], children: [{ ...node, text: match[0] }] } as MessageNode);
    from = match.index + match[0].length;
  }
  if (pieces.length === 0) return [node];
  if (from < node.text.length) pieces.push({ ...node, text: node.text.slice(from) });
  return pieces;
}

function linkifyNode(node: MessageNode): MessageNode[] {
  if (node.type === undefined) return splitText(node);
  // Text already in a link, a mention or a code block stays as it is.
  if (node.type === 'link' || node.type === 'mention' || node.type === 'code' || !('children' in node)) return [node];
  return [{ ...node, children: node.children.flatMap(linkifyNode) } as MessageNode];
}

export function linkify(content: MessageContent): MessageContent {
  return content.flatMap(linkifyNode);
}
