import type { MessageContent, MessageNode } from '@cord-sdk/types';

// Cord's structured message content: what it may hold, and what is derived from it.
// No validator library here: the SDK bundles this file (protocol/fields.ts wraps the check).
// Messages are stored as this content; their plain text (for search, notifications and
// the REST API's `plaintext`) is derived from it, never the other way round.

export type { MessageContent, MessageNode };

/** Deep enough for any real message (a list inside a quote is 4); keeps a hostile body off the stack. */
export const MAX_CONTENT_DEPTH = 8;

const MARK_KEYS = ['bold', 'italic', 'underline', 'code'] as const;
/** Block types Cord reserves; anything else of `^[a-z]+$` is an app's custom node. */
const RESERVED_TYPES = new Set([
  'p',
  'quote',
  'code',
  'mention',
  'assignee',
  'bullet',
  'number_bullet',
  'link',
  'markdown',
  'todo',
  'annotation',
]);

type Check = (node: unknown, depth: number) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const onlyKeys = (node: Record<string, unknown>, allowed: readonly string[]) =>
  Object.keys(node).every((key) => allowed.includes(key));

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

const isText: Check = (node) =>
  isObject(node) &&
  typeof node.text === 'string' &&
  optionalString(node.class) &&
  onlyKeys(node, ['text', 'class', ...MARK_KEYS]) &&
  MARK_KEYS.every((mark) => node[mark] === undefined || typeof node[mark] === 'boolean');

function children(node: Record<string, unknown>, depth: number, allowed: readonly Check[], nonEmpty = true) {
  const list = node.children;
  if (!Array.isArray(list) || (nonEmpty && list.length === 0) || depth > MAX_CONTENT_DEPTH) return false;
  return list.every((child) => allowed.some((check) => check(child, depth + 1)));
}

const isUserRef = (user: unknown) => isObject(user) && typeof user.id === 'string' && onlyKeys(user, ['id']);

/** A mention: `{ type: 'mention', user: { id }, children: [{ text: '@Name' }] }`. */
const isMention: Check = (node) =>
  isObject(node) &&
  node.type === 'mention' &&
  onlyKeys(node, ['type', 'class', 'user', 'children']) &&
  isUserRef(node.user) &&
  Array.isArray(node.children) &&
  node.children.length === 1 &&
  isText(node.children[0], 0) &&
  /^@./su.test((node.children[0] as { text: string }).text);

const isAssignee: Check = (node) =>
  isObject(node) &&
  node.type === 'assignee' &&
  onlyKeys(node, ['type', 'user', 'children']) &&
  isUserRef(node.user) &&
  Array.isArray(node.children) &&
  node.children.length === 1 &&
  isText(node.children[0], 0) &&
  /^\+./su.test((node.children[0] as { text: string }).text);

const isLink: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'link' &&
  typeof node.url === 'string' &&
  onlyKeys(node, ['type', 'class', 'url', 'children']) &&
  children(node, depth, [isText, isMention], false);

const INLINE = [isText, isMention, isAssignee, isLink];

const isParagraph: Check = (node, depth) =>
  isObject(node) && node.type === 'p' && onlyKeys(node, ['type', 'class', 'children']) && children(node, depth, INLINE);

const isIndent = (value: unknown) =>
  value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4);

const isBullet: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'bullet' &&
  onlyKeys(node, ['type', 'class', 'indent', 'children']) &&
  isIndent(node.indent) &&
  children(node, depth, [isParagraph]);

const isNumberBullet: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'number_bullet' &&
  onlyKeys(node, ['type', 'class', 'indent', 'bulletNumber', 'children']) &&
  isIndent(node.indent) &&
  (node.bulletNumber === undefined || Number.isInteger(node.bulletNumber)) &&
  children(node, depth, [isParagraph]);

const isQuote: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'quote' &&
  onlyKeys(node, ['type', 'class', 'children']) &&
  children(node, depth, [isParagraph, isBullet, isNumberBullet, ...INLINE]);

const isCode: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'code' &&
  onlyKeys(node, ['type', 'class', 'children']) &&
  children(node, depth, [isText]);

const isMarkdown: Check = (node) =>
  isObject(node) &&
  node.type === 'markdown' &&
  onlyKeys(node, ['type', 'children']) &&
  Array.isArray(node.children) &&
  node.children.length === 1 &&
  isObject(node.children[0]) &&
  optionalString(node.children[0].text);

/** An app's own block type (Cord's "experimental custom node"); `todo` arrives this way too. */
const isCustom: Check = (node) =>
  isObject(node) && typeof node.type === 'string' && /^[a-z]+$/.test(node.type) && !RESERVED_TYPES.has(node.type);

const isTodo: Check = (node, depth) =>
  isObject(node) &&
  node.type === 'todo' &&
  typeof node.todoID === 'string' &&
  typeof node.done === 'boolean' &&
  children(node, depth, [isParagraph]);

const TOP_LEVEL = [
  isParagraph,
  isQuote,
  isCode,
  isMention,
  isAssignee,
  isBullet,
  isNumberBullet,
  isLink,
  isMarkdown,
  isTodo,
  isCustom,
];

/** Cord's text for content that fails its schema, with the content as it was sent. */
export function invalidContentMessage(content: unknown): string {
  return `Message contents contained invalid element(s): ${JSON.stringify(content, null, 4)}`;
}

/**
 * Whether a value is message content as Cord's server accepts it: an array (possibly
 * empty) of block nodes; a bare text node at the top is not one.
 */
export function isMessageContent(value: unknown): value is MessageContent {
  return Array.isArray(value) && value.every((node) => TOP_LEVEL.some((check) => check(node, 0)));
}

function textOf(node: MessageNode): string {
  if ('text' in node && typeof node.text === 'string') return node.text;
  if ('children' in node && Array.isArray(node.children)) return node.children.map(textOf).join('');
  return '';
}

/** Cord's plain text of content: each top-level block's text on a line, trimmed at both ends. */
export function plaintextOf(content: MessageContent): string {
  return content.map(textOf).join('\n').trim();
}

/** The users a message mentions, each once, in order of first mention. */
export function mentionedUserIds(content: MessageContent): string[] {
  const ids = new Set<string>();
  const visit = (node: MessageNode) => {
    if (node.type === 'mention') ids.add(node.user.id);
    if ('children' in node && Array.isArray(node.children)) node.children.forEach(visit);
  };
  content.forEach(visit);
  return [...ids];
}

/** Content for plain text: one paragraph per line, so plaintextOf gives the lines back. */
export function contentFromText(text: string): MessageContent {
  return text.split('\n').map((line) => ({ type: 'p', children: [{ text: line }] }) as MessageNode);
}
