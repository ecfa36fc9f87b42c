import type { MarkdownIt, StateInline } from 'markdown-it';

// Cord's mention syntax for `cord message create --markdownContent`: `<@user-id>`. Everything
// between `<@` and the first `>` that is not escaped is the user's id, literally (spaces and
// markdown markers included); `\>` puts a `>` into an id. Without a closing `>`, or with
// nothing between `<@` and `>`, the text is just text.

export const MENTION_TOKEN = 'mention';

function mentionRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const { src, posMax } = state;
  if (src.charAt(start) !== '<' || src.charAt(start + 1) !== '@') return false;
  let end = start + 2;
  while (end < posMax && !(src.charAt(end) === '>' && src.charAt(end - 1) !== '\\')) end++;
  if (end >= posMax) return false;
  const userId = src.slice(start + 2, end).replaceAll('\\>', '>');
  if (userId === '') return false;
  if (!silent) {
    const token = state.push(MENTION_TOKEN, '', 0);
    token.content = userId;
  }
  state.pos = end + 1;
  return true;
}

/** Registers the rule ahead of plain text, so `<@` is looked at before it becomes text. */
export function mentionPlugin(md: MarkdownIt) {
  md.inline.ruler.before('text', MENTION_TOKEN, mentionRule);
}
