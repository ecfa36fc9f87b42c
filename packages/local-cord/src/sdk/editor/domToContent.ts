import type { MessageContent, MessageNode } from '../../protocol/content.ts';
import {
  BLOCK_TAGS,
  CARET_ANCHOR,
  INDENT_ATTRIBUTE,
  MARK_TAGS,
  type MarkName,
  MENTION_ATTRIBUTE,
} from './editorDom.ts';

// What the editor holds, as Cord's message content. Reads the editor's own markup and what
// a browser's editing makes of it (divs for paragraphs, <b> for bold, <br> for a line):
// every line of text ends up in a paragraph, list item, quote or code block.

type Marks = Partial<Record<MarkName, true>>;
type Inline = MessageNode;

const MARK_NAMES = Object.keys(MARK_TAGS) as MarkName[];

function marksOf(element: Element, inherited: Marks): Marks {
  const marks = { ...inherited };
  for (const mark of MARK_NAMES) if (MARK_TAGS[mark].read.includes(element.tagName)) marks[mark] = true;
  return marks;
}

/** Adjacent text with the same marks as one node, as Cord's editor keeps it. */
function pushText(into: Inline[], text: string, marks: Marks) {
  // Browsers keep typed spaces at a line's ends as no-break spaces: they are spaces.
  const clean = text.replaceAll(CARET_ANCHOR, '').replaceAll('\u00A0', ' ');
  if (!clean) return;
  const last = into.at(-1);
  const node = { text: clean, ...marks } as Inline;
  if (last && last.type === undefined && sameMarks(last as Marks, marks)) {
    (last as { text: string }).text += clean;
  } else {
    into.push(node);
  }
}

function sameMarks(a: Marks, b: Marks) {
  return MARK_NAMES.every((mark) => Boolean(a[mark]) === Boolean(b[mark]));
}

/**
 * A block's inline content as lines, split at each <br> (Cord's paragraphs hold no line
 * breaks). A <br> ending a block only holds an empty line open, as browsers use it.
 */
function linesOf(parent: Node): Inline[][] {
  const lines = inlineLines(parent);
  if (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop();
  return lines;
}

function inlineLines(parent: Node, marks: Marks = {}, lines: Inline[][] = [[]]): Inline[][] {
  for (const child of parent.childNodes) {
    const line = lines.at(-1)!;
    if (child.nodeType === Node.TEXT_NODE) {
      pushText(line, child.textContent ?? '', marks);
      continue;
    }
    if (!(child instanceof Element)) continue;
    if (child.tagName === 'BR') {
      lines.push([]);
    } else if (child.hasAttribute(MENTION_ATTRIBUTE)) {
      const name = (child.textContent ?? '').replaceAll(CARET_ANCHOR, '');
      line.push({
        type: 'mention',
        user: { id: child.getAttribute(MENTION_ATTRIBUTE)! },
        children: [{ text: name.startsWith('@') ? name : `@${name}` }],
      } as Inline);
    } else if (child.tagName === 'A' && child.getAttribute('href')) {
      const linkText = inlineLines(child, marks).flat();
      if (linkText.length > 0)
        line.push({ type: 'link', url: child.getAttribute('href')!, children: linkText } as Inline);
    } else {
      inlineLines(child, marksOf(child, marks), lines);
    }
  }
  return lines;
}

const paragraph = (children: Inline[]) => ({ type: 'p', children }) as MessageNode;

/** A block as paragraphs (a code block's text as inline code), for places only paragraphs go. */
function asParagraphs(node: MessageNode): MessageNode[] {
  if (node.type === 'p') return [node];
  if (node.type === 'code') return [paragraph([{ text: plainText(node), code: true } as Inline])];
  return 'children' in node ? node.children.flatMap(asParagraphs) : [];
}

function plainText(node: MessageNode): string {
  if (node.type === undefined) return node.text;
  return 'children' in node ? node.children.map(plainText).join('') : '';
}

/** A list's items: each <li> one of Cord's bullet nodes, numbered from the list's start. */
function listItems(list: Element, into: MessageNode[]) {
  const numbered = list.tagName === 'OL';
  const indent = Number(list.getAttribute(INDENT_ATTRIBUTE) ?? 0);
  let number = Number(list.getAttribute('start') ?? 1);
  for (const item of list.children) {
    if (item.tagName !== 'LI') continue;
    const inside = blocksOf(item);
    // A list nested in an item (a browser's indent) follows it, one level further in.
    const nested = inside.filter((node) => node.type === 'bullet' || node.type === 'number_bullet');
    const body = inside.filter((node) => !nested.some((list) => list === node)).flatMap(asParagraphs);
    const extra = indent > 0 ? { indent } : {};
    into.push(
      (numbered
        ? { type: 'number_bullet', bulletNumber: number++, ...extra, children: body }
        : { type: 'bullet', ...extra, children: body }) as MessageNode,
    );
    for (const node of nested) {
      const deeper = Math.min(4, (node as { indent?: number }).indent ?? 0) + indent + 1;
      into.push({ ...node, indent: Math.min(4, deeper) } as MessageNode);
    }
  }
}

/** The blocks under a node; loose inline content between blocks becomes paragraphs. */
function blocksOf(parent: Node): MessageNode[] {
  const blocks: MessageNode[] = [];
  let loose: ChildNode[] = [];
  const flush = () => {
    if (loose.length === 0) return;
    const holder = document.createDocumentFragment();
    for (const node of loose) holder.appendChild(node.cloneNode(true));
    for (const line of linesOf(holder)) blocks.push(paragraph(line));
    loose = [];
  };
  for (const child of parent.childNodes) {
    if (!(child instanceof Element) || !BLOCK_TAGS.has(child.tagName)) {
      loose.push(child);
      continue;
    }
    flush();
    switch (child.tagName) {
      case 'UL':
      case 'OL':
        listItems(child, blocks);
        break;
      case 'BLOCKQUOTE':
        blocks.push({
          type: 'quote',
          children: blocksOf(child).flatMap((node) =>
            node.type === 'bullet' || node.type === 'number_bullet' ? [node] : asParagraphs(node),
          ),
        } as MessageNode);
        break;
      case 'PRE':
        blocks.push({
          type: 'code',
          children: [{ text: (child.textContent ?? '').replaceAll(CARET_ANCHOR, '') }],
        } as MessageNode);
        break;
      default:
        blocks.push(...blocksOf(child));
    }
  }
  flush();
  return blocks;
}

/** Cord's paragraphs always hold a text node, if empty; an empty list item holds an empty paragraph. */
function fillEmpty(node: MessageNode) {
  if (!('children' in node)) return;
  if (node.type === 'p' && node.children.length === 0) node.children.push({ text: '' } as Inline);
  if ((node.type === 'bullet' || node.type === 'number_bullet') && node.children.length === 0) {
    node.children.push(paragraph([{ text: '' } as Inline]));
  }
  node.children.forEach(fillEmpty);
}

const isBlank = (node: MessageNode): boolean =>
  node.type === 'p' && node.children.every((child) => child.type === undefined && !child.text.trim());

/**
 * The editor's content as Cord's message content: blank paragraphs at either end dropped,
 * blocks with nothing in them (an empty quote) left out.
 */
export function contentFromDom(root: Element): MessageContent {
  const blocks = blocksOf(root).filter(
    (node) => node.type === 'p' || !('children' in node) || node.children.length > 0,
  );
  for (const block of blocks) fillEmpty(block);
  while (blocks.length > 0 && isBlank(blocks[0]!)) blocks.shift();
  while (blocks.length > 0 && isBlank(blocks.at(-1)!)) blocks.pop();
  return blocks;
}
