import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { isAllowedMimeType } from '../../protocol/files.ts';

// Bytes of an upload, from the network to the disk: written to a part file with a hard
// cap, then typed by what they are (not by what the uploader said), and only then kept.

/** More bytes arrived than the file may have. */
export class TooLargeError extends Error {
  constructor() {
    super('Maximum file size exceeded');
  }
}

/**
 * Writes a stream to `partPath` (which must not exist), refusing with TooLargeError as
 * soon as it goes past `maxBytes`; on any failure the part file is gone. Returns the size.
 */
export async function receiveBytes(source: Readable, partPath: string, maxBytes: number): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) done(new TooLargeError());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(partPath, { flags: 'wx' }));
    return size;
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
}

/** Declared types kept for bytes that are text but carry no signature to detect. */
const TEXT_TYPES = new Set([
  'text/plain',
  'text/csv',
  'text/markdown',
  'text/tab-separated-values',
  'application/json',
]);
const TEXT_SAMPLE_BYTES = 4096;

/**
 * What the bytes are: the type their signature shows; for text without one, the declared
 * text type if it is a plain one, else text/plain; otherwise application/octet-stream. A
 * declared type is never believed for anything a browser would render (images, HTML, SVG).
 */
export async function sniffedType(path: string, declared: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  if (!(await isText(path))) return 'application/octet-stream';
  const bare = declared.split(';')[0]!.trim().toLowerCase();
  return TEXT_TYPES.has(bare) ? bare : 'text/plain';
}

/** UTF-8 without NUL bytes in its first few kilobytes (a cut character at the end is fine). */
async function isText(path: string): Promise<boolean> {
  const handle = await open(path);
  try {
    const sample = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, TEXT_SAMPLE_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

export type KeptUpload = { ok: true; mimeType: string } | { ok: false; message: string };

/**
 * Keeps a complete upload as `finalPath`, typed by its bytes; a banned type (an
 * executable under another name) is refused with Cord's text and deleted.
 */
export async function keepUpload(partPath: string, finalPath: string, declared: string): Promise<KeptUpload> {
  const mimeType = await sniffedType(partPath, declared);
  if (!isAllowedMimeType(mimeType)) {
    await rm(partPath, { force: true });
    return { ok: false, message: `Input ${mimeType} MIME type is not allowed` };
  }
  await rename(partPath, finalPath);
  return { ok: true, mimeType };
}
