import { type MessageContent, type MessageNode, MessageNodeType } from '@cord-sdk/types';
import MarkdownIt, { type Token } from 'markdown-it';
import { MENTION_TOKEN, mentionPlugin } from './mentionRule.ts';

// Markdown to Cord's MessageContent, as Cord's CLI converted `--markdownContent`: with the
// same parser (markdown-it) and the same small set of constructs, so what a Cord user typed
// becomes the same nodes. Paragraphs, block quotes, bullet and numbered lists, code
// (fenced and indented), emphasis, inline code, inline links and `<@user>` mentions are
// converted; anything else (headings, tables, images, HTML...) stays literal text.

const parser = new MarkdownIt('zero')
  .enable(['code', 'fence', 'list', 'blockquote', 'emphasis', 'backticks', 'link', 'newline', 'escape', 'text'])
  .use(mentionPlugin);

type Marks = { bold?: true; italic?: true };

/** Tokens read front to back; each converter takes what it converts. */
class TokenStream {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  next(): Token | undefined {
    return this.tokens[this.index++];
  }

  /** Takes tokens up to (and including) the one of type `close`; without `close`, all of them. */
  *until(close: string | null): Generator<Token> {
    for (let token = this.next(); token !== undefined; token = this.next()) {
      if (token.type === close) return;
      yield token;
    }
    if (close !== null) throw new Error(`markdown: no ${close} before the end`);
  }
}

export function markdownToMessageContent(markdown: string): MessageContent {
  return blocks(new TokenStream(parser.parse(markdown, {})), null, 'root');
}

type BlockParent = 'root' | 'quote' | 'bullets' | 'numbers' | 'item';

function blocks(stream: TokenStream, close: string | null, parent: BlockParent): MessageNode[] {
  const nodes: MessageNode[] = [];
  for (const token of stream.until(close)) {
    switch (token.type) {
      case 'paragraph_open': {
        const children = blocks(stream, 'paragraph_close', 'item');
        // Cord puts a quote's lines straight into the quote, with no paragraph around them.
        if (parent === 'quote') nodes.push(...children);
        else nodes.push({ type: MessageNodeType.PARAGRAPH, children });
        break;
      }
      case 'inline':
        nodes.push(...mergeText(inlines(new TokenStream(token.children ?? []), null, {})));
        break;
      case 'blockquote_open':
        nodes.push({ type: MessageNodeType.QUOTE, children: blocks(stream, 'blockquote_close', 'quote') });
        break;
      // A list has no node of its own in Cord: its items follow one another.
      case 'bullet_list_open':
        nodes.push(...blocks(stream, 'bullet_list_close', 'bullets'));
        break;
      case 'ordered_list_open':
        nodes.push(...blocks(stream, 'ordered_list_close', 'numbers'));
        break;
      case 'list_item_open': {
        const children = blocks(stream, 'list_item_close', 'item');
        if (parent === 'numbers') {
          // The number as written: a list may start at 3, or at 0.
          nodes.push({ type: MessageNodeType.NUMBER_BULLET, bulletNumber: Number(token.info), children });
        } else {
          nodes.push({ type: MessageNodeType.BULLET, children });
        }
        break;
      }
      case 'fence':
      case 'code_block':
        nodes.push({ type: MessageNodeType.CODE, children: [{ text: token.content }] });
        break;
      default:
        throw new Error(`markdown: unexpected ${token.type}`);
    }
  }
  return nodes;
}

function inlines(stream: TokenStream, close: string | null, marks: Marks): MessageNode[] {
  const nodes: MessageNode[] = [];
  for (const token of stream.until(close)) {
    switch (token.type) {
      case 'text':
        if (token.content !== '') nodes.push({ text: token.content, ...marks });
        break;
      case 'code_inline':
        nodes.push({ text: token.content, code: true, ...marks });
        break;
      // Cord's CLI dropped line breaks, gluing "one\ntwo" into "onetwo"; they are kept here.
      case 'softbreak':
      case 'hardbreak':
        nodes.push({ text: '\n', ...marks });
        break;
      case 'em_open':
        nodes.push(...inlines(stream, 'em_close', { ...marks, italic: true }));
        break;
      case 'strong_open':
        nodes.push(...inlines(stream, 'strong_close', { ...marks, bold: true }));
        break;
      case 'link_open':
        nodes.push({
          type: MessageNodeType.LINK,
          url: String(token.attrGet('href') ?? ''),
          children: mergeText(inlines(stream, 'link_close', marks)),
        });
        break;
      // A mention carries no marks, even inside emphasis, as in Cord.
      case MENTION_TOKEN:
        nodes.push({
          type: MessageNodeType.MENTION,
          user: { id: token.content },
          children: [{ text: `@${token.content}` }],
        });
        break;
      default:
        throw new Error(`markdown: unexpected ${token.type}`);
    }
  }
  return nodes;
}

const isPlainText = (node: MessageNode) => !('type' in node && node.type) && 'text' in node && !node.code;
const sameMarks = (a: MessageNode, b: MessageNode) =>
  'text' in a && 'text' in b && a.bold === b.bold && a.italic === b.italic;

/** Joins neighbouring text with the same marks ("one", "\n", "two" is one text node). */
function mergeText(nodes: MessageNode[]): MessageNode[] {
  const merged: MessageNode[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (
      previous &&
      'text' in previous &&
      'text' in node &&
      isPlainText(previous) &&
      isPlainText(node) &&
      sameMarks(previous, node)
    ) {
      merged[merged.length - 1] = { ...previous, text: previous.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged;
}
