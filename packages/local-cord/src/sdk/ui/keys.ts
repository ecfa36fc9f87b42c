/** Enter sends; Shift+Enter, and Enter while an input method composes, do not. */
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}
