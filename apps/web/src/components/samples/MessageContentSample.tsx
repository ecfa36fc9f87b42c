import { MessageContent } from '@cord-sdk/react';
import type { ComponentProps } from 'react';

const CONTENT = [
  { type: 'p', children: [{ text: 'Cord keeps ' }, { text: 'rich', bold: true }, { text: ' text:' }] },
  { type: 'bullet', children: [{ text: 'lists' }] },
  { type: 'bullet', children: [{ text: 'and ' }, { text: 'code', code: true }] },
] as ComponentProps<typeof MessageContent>['content'];

export function MessageContentSample({ edited }: { edited: boolean }) {
  return <MessageContent content={CONTENT} edited={edited} />;
}
