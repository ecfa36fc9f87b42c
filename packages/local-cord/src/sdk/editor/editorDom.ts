// The editor's DOM vocabulary, shared by the two conversions: which elements stand for
// which of Cord's nodes. The editor holds only these (paste goes in as plain text).

export const MENTION_ATTRIBUTE = 'data-cord-user-id';
/** A list's indent (Cord's `indent`, 0-4) rides on the list element. */
export const INDENT_ATTRIBUTE = 'data-cord-indent';
/**
 * Typed after a formatted run so the caret can sit outside it (a browser puts a caret at the
 * edge of an element inside it); never part of the content.
 */
export const CARET_ANCHOR = '\u200B';

export type MarkName = 'bold' | 'italic' | 'underline' | 'code';

/** The element each mark is written as, and every tag a browser may use for it. */
export const MARK_TAGS: Record<MarkName, { write: string; read: readonly string[] }> = {
  bold: { write: 'STRONG', read: ['STRONG', 'B'] },
  italic: { write: 'EM', read: ['EM', 'I'] },
  underline: { write: 'U', read: ['U'] },
  code: { write: 'CODE', read: ['CODE'] },
};

/** Elements that start a new block of the message. */
export const BLOCK_TAGS = new Set(['P', 'DIV', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'LI', 'H1', 'H2', 'H3']);
