import type { Store } from '../../store/store.ts';
import type { Hub } from '../live/hub.ts';

// Files on messages, with Cord's checks and texts, for the live API and the REST API alike.

export type AttachmentRefusalCode = 'invalid_field' | 'file_not_found' | 'file_belongs_to_different_user';

/** A refused attachment change; each API turns the code into its own kind of error. */
export class AttachmentRefusal extends Error {
  constructor(
    readonly code: AttachmentRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AttachmentRef {
  type: 'file' | 'link_preview';
  id: string;
}

export interface AttachmentChanges {
  attach: string[];
  detach: string[];
}

/**
 * The files to attach to (and take off) a message its author writes, checked in Cord's
 * order: the same attachment added and removed, then the files added (each once, each
 * existing, each the author's own), then none already on the message. Link previews are
 * never made by local Cord, so removing one changes nothing.
 */
export function attachmentChanges(
  store: Store,
  authorId: string,
  add: readonly AttachmentRef[] = [],
  remove: readonly AttachmentRef[] = [],
  attached: readonly string[] = [],
): AttachmentChanges {
  if (add.some((added) => remove.some((removed) => removed.type === added.type && removed.id === added.id))) {
    throw new AttachmentRefusal('invalid_field', 'Adding and removing the same attachment is invalid.');
  }
  const attach = add.map((file) => file.id);
  if (new Set(attach).size !== attach.length) {
    throw new AttachmentRefusal('invalid_field', 'Cannot attach the same file multiple times');
  }
  const files = attach.map((id) => store.files.get(id));
  if (files.some((file) => file === undefined)) throw new AttachmentRefusal('file_not_found', 'File not found.');
  if (files.some((file) => file?.ownerId !== authorId)) {
    throw new AttachmentRefusal('file_belongs_to_different_user', 'Cannot attach files owned by another user');
  }
  if (attach.some((id) => attached.includes(id))) {
    throw new AttachmentRefusal('invalid_field', 'Cannot attach an already-attached file');
  }
  return { attach, detach: remove.filter((removed) => removed.type === 'file').map((removed) => removed.id) };
}

/** A file's status changed: every message carrying it is shown again where it is seen. */
export function publishFile(store: Store, hub: Hub, fileId: string) {
  for (const messageId of store.files.messagesWith(fileId)) {
    const message = store.messages.get(messageId);
    const thread = message && store.threads.get(message.threadId);
    if (message && thread) hub.publishMessage(thread, message);
  }
}
