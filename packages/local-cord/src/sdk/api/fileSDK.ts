import type { ClientCreateFile, ICordFileSDK, UploadFileResult } from '@cord-sdk/types';
import { isAllowedFileName, isAllowedFileSize, isAllowedMimeType } from '../../protocol/files.ts';
import { uploadBytes } from '../data/fileTransfer.ts';
import type { LiveData } from '../data/liveData.ts';

/**
 * Cord's `CordSDK.file`. An upload is two steps, as in Cord: the file's record first
 * (then its id can be attached to a message), then its bytes over HTTP, which
 * `uploadPromise` follows.
 */
export class FileSDK implements ICordFileSDK {
  constructor(private readonly live: LiveData) {}

  async uploadFile({ name, blob }: ClientCreateFile): Promise<UploadFileResult> {
    checkFileToUpload(name, blob);
    const id = crypto.randomUUID();
    await this.live.request({ type: 'file.create', fileId: id, name, mimeType: blob.type, size: blob.size });
    const uploadPromise = uploadBytes(this.live, id, blob).catch(() => {
      throw new Error(`Unable to upload file ${name}`);
    });
    return { id, uploadPromise };
  }
}

/** Cord's check before anything is sent, throwing Cord's texts; the size wins, as in Cord. */
export function checkFileToUpload(name: string, blob: Blob) {
  if (!isAllowedFileSize(blob.size)) throw new Error(`File ${name} is too large`);
  if (!isAllowedFileName(name) || !isAllowedMimeType(blob.type)) throw new Error(`Cannot attach file ${name}`);
}
