import { html, nothing, type TemplateResult } from 'lit';
import type { MessageContent, MessageNode } from '../../protocol/content.ts';

// Cord's message content as the page shows it. Every piece of text goes in as text, never
// as markup; links open only http, https and mailto addresses.

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** A link's address if it may be followed; undefined for javascript:, data: and the like. */
export function safeHref(url: string): string | undefined {
  const parsed = URL.parse(url);
  return parsed && SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
}

export interface ContentOptions {
  /** The users mentioned, by id, to show their current names. */
  userName(id: string): string | undefined;
  /** Action messages name the actor plainly ("Minerva resolved this thread"), without "@". */
  plainMentions?: boolean;
}

export function messageContent(content: MessageContent, options: ContentOptions): TemplateResult {
  return html`${content.map((node) => renderNode(node, options))}`;
}

function children(node: MessageNode, options: ContentOptions) {
  return 'children' in node && Array.isArray(node.children)
    ? node.children.map((child) => renderNode(child, options))
    : nothing;
}

function renderNode(node: MessageNode, options: ContentOptions): TemplateResult | string | typeof nothing {
  const extra = node.class ? ` ${node.class}` : '';
  switch (node.type) {
    case undefined:
      return text(node);
    case 'p':
      return html`<p class="cord-paragraph${extra}">${children(node, options)}</p>`;
    case 'quote':
      return html`<blockquote class="cord-quote${extra}">${children(node, options)}</blockquote>`;
    case 'code':
      return html`<pre class="cord-code-block${extra}">${children(node, options)}</pre>`;
    case 'bullet':
      return indented(html`<ul class="cord-list${extra}"><li>${children(node, options)}</li></ul>`, node.indent);
    case 'number_bullet':
      return indented(
        html`<ol class="cord-list${extra}"><li value=${node.bulletNumber ?? 1}>${children(node, options)}</li></ol>`,
        node.indent,
      );
    case 'link': {
      const href = safeHref(node.url);
      return href
        ? html`<a class="cord-link${extra}" href=${href} target="_blank" rel="noreferrer noopener">${children(node, options)}</a>`
        : html`<span class="cord-link${extra}">${children(node, options)}</span>`;
    }
    case 'mention':
    case 'assignee': {
      const stored = node.children
        .map((child) => ('text' in child ? child.text : ''))
        .join('')
        .slice(1);
      const name = options.userName(node.user.id) ?? (stored || 'Unknown User');
      if (options.plainMentions) return html`${name}`;
      const sign = node.type === 'mention' ? '@' : '+';
      return html`<span class="cord-user-mention" data-cord-user-id=${node.user.id}
        >${sign}<span class="cord-user-display-name">${name}</span></span
      >`;
    }
    default:
      // markdown, todo and an app's own node types: their text, as Cord shows them without a renderer.
      return html`<span class="cord-${String(node.type)}${extra}">${children(node, options)}</span>`;
  }
}

/** A piece of text: plain text is a text node of its own (no template to make, as most pieces are). */
function text(node: Extract<MessageNode, { text: string }>): TemplateResult | string {
  let shown: TemplateResult | string = node.text;
  if (node.code) shown = html`<code class="cord-inline-code">${shown}</code>`;
  if (node.underline) shown = html`<u>${shown}</u>`;
  if (node.italic) shown = html`<em>${shown}</em>`;
  if (node.bold) shown = html`<strong>${shown}</strong>`;
  return node.class ? html`<span class=${node.class}>${shown}</span>` : shown;
}

/** Cord nests an indented list item in one more list per level. */
function indented(list: TemplateResult, indent: number | undefined): TemplateResult {
  let nested = list;
  for (let level = 0; level < (indent ?? 0); level++)
    nested = html`<ul class="cord-list-indent"><li>${nested}</li></ul>`;
  return nested;
}
