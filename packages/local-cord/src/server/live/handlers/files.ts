import { uploadRefusal } from '../../../protocol/files.ts';
import { RequestError } from '../requestError.ts';
import type { Handlers } from './context.ts';

export const fileHandlers: Handlers<'file.create'> = {
  /**
   * Cord's first step of an upload: the file's record, owned by the viewer and
   * `uploading`, so its id can be attached at once. Its bytes follow over HTTP
   * (server/files/fileServer.ts), never over the WebSocket.
   */
  'file.create'({ store, subscriber }, { fileId, name, mimeType, size }) {
    const { userId } = subscriber.viewer;
    const refusal = uploadRefusal({ name, mimeType, size });
    if (refusal) throw new RequestError('invalid_request', refusal.message);
    const existing = store.files.get(fileId);
    if (existing) {
      // A browser re-sends what it sent before a reconnect: nothing to do twice.
      if (existing.ownerId === userId && existing.name === name && existing.size === size) return {};
      throw new RequestError('invalid_request', `File ${fileId} already exists.`);
    }
    store.files.create({ id: fileId, ownerId: userId, name, mimeType, size });
    return {};
  },
};
