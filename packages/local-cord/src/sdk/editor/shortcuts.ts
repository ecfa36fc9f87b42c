import type { MarkName } from './editorDom.ts';

// Cord's markdown-like typing, as pure text rules the editor applies to the DOM.

/** What a block turns into when its text is only this, and a space is typed. */
export const BLOCK_PREFIXES: Readonly<Record<string, 'bullet' | 'number_bullet' | 'quote' | 'code'>> = {
  '-': 'bullet',
  '*': 'bullet',
  '1.': 'number_bullet',
  '1)': 'number_bullet',
  '>': 'quote',
  '```': 'code',
};

/** Cord's keyboard shortcuts for marks (Mod is Cmd on a Mac, Ctrl elsewhere). */
export function markForShortcut(event: KeyboardEvent, isMac: boolean): 'bold' | 'italic' | 'underline' | undefined {
  const mod = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!mod || event.altKey || event.shiftKey) return undefined;
  switch (event.key.toLowerCase()) {
    case 'b':
      return 'bold';
    case 'i':
      return 'italic';
    case 'u':
      return 'underline';
    default:
      return undefined;
  }
}

/** Delimiters and their marks: `*` and `**` bold and `_` italic as in Cord's editor, plus `` ` `` for code. */
const INLINE_DELIMITERS: Readonly<Record<string, MarkName>> = {
  '`': 'code',
  '*': 'bold',
  '**': 'bold',
  _: 'italic',
  __: 'italic',
};

export const DELIMITER_KEYS = new Set(['`', '*', '_']);

export interface InlineMatch {
  mark: MarkName;
  /** Where the opening delimiter starts in `before`. */
  open: number;
  /** The delimiter's length. */
  length: number;
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\n' || char === '\u00A0';

/**
 * Whether typing `key` at the end of `before` (with `after` following the caret) closes a
 * delimited run. The run must not start or end with a space, the opening delimiter must
 * start the line or follow a space or another kind of delimiter, and the closing one must
 * be followed by a space or the end of the line.
 */
export function closingDelimiter(before: string, after: string, key: string): InlineMatch | null {
  if (after.length > 0 && !isSpace(after[0])) return null;
  let start = before.length;
  while (start > 0 && before[start - 1] === key) start--;
  const delimiter = before.slice(start) + key;
  const mark = INLINE_DELIMITERS[delimiter];
  if (!mark || start === 0 || isSpace(before[start - 1])) return null;
  const closingAt = start;
  for (let at = closingAt - 1; at >= delimiter.length; at--) {
    if (before[at] === '\n') return null;
    if (before.slice(at - delimiter.length, at) !== delimiter) continue;
    if (isSpace(before[at]) || at === closingAt) return null;
    const open = at - delimiter.length;
    const preceding = before[open - 1];
    if (open > 0 && !(isSpace(preceding) || (DELIMITER_KEYS.has(preceding!) && preceding !== key))) return null;
    return { mark, open, length: delimiter.length };
  }
  return null;
}

/** The member search a caret after `@name` asks for, or null when the caret is not in one. */
export function mentionQuery(before: string): { query: string; start: number } | null {
  const match = /(?:^|[\s(])@([^\s@]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { query, start: before.length - query.length - 1 };
}
