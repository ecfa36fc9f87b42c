import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { z } from 'zod';
import { externalIdText, line } from '../../protocol/fields.ts';
import { MAX_UPLOAD_BYTES, uploadRefusal } from '../../protocol/files.ts';
import { keepUpload, receiveBytes } from '../files/receiveFile.ts';
import { ApiError, type Route, success } from './common.ts';
import { cordBody } from './cordValidation.ts';

// POST /v1/files: Cord's one-step upload for a customer's server (multipart/form-data with
// the bytes in `file`, the owner in `ownerID`, an optional `name`), kept as uploaded.

// Form fields are strings: the owner's id is one of Cord's external ids as text (an empty
// one names nobody: 'Invalid owner ID', as in Cord).
const createFileFields = cordBody(
  'CreateFileVariables',
  undefined,
  z.strictObject({
    ownerID: externalIdText,
    name: line(1000).optional(),
  }),
);

/** Room for the form's other parts around a file of the largest size allowed. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

interface ReceivedForm {
  fields: Record<string, string>;
  file?: { filename: string | undefined; declaredType: string; size: number; tooLarge: boolean };
}

/**
 * Reads the form, writing the `file` part to `partPath` (at most a byte short of Cord's
 * limit: a larger file is cut off there, noted, and later deleted). Other files are not read.
 */
function readForm(incoming: IncomingMessage, partPath: string): Promise<ReceivedForm> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: incoming.headers,
        limits: { files: 1, fileSize: MAX_UPLOAD_BYTES - 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
      });
    } catch {
      // Not multipart at all: there are no fields (and so no owner), as for Cord.
      incoming.resume();
      resolve({ fields });
      return;
    }
    let received: Promise<ReceivedForm['file']> = Promise.resolve(undefined);
    form.on('field', (name, value) => {
      fields[name] = value;
    });
    form.on('file', (name, stream, info) => {
      if (name !== 'file') {
        // Cord takes one file, named `file`: any other is a field it does not know.
        fields[name] = '';
        stream.resume();
        return;
      }
      let tooLarge = false;
      stream.on('limit', () => (tooLarge = true));
      received = receiveBytes(stream, partPath, Number.POSITIVE_INFINITY).then((size) => ({
        filename: info.filename,
        declaredType: info.mimeType,
        size,
        tooLarge,
      }));
    });
    form.on('error', (error: Error) =>
      reject(new ApiError(400, 'invalid_request', `The body is not valid multipart/form-data: ${error.message}`)),
    );
    incoming.on('close', () => {
      if (!incoming.complete) reject(new ApiError(400, 'invalid_request', 'The upload was cut off.'));
    });
    form.on('close', () => {
      received.then((file) => resolve(file ? { fields, file } : { fields }), reject);
    });
    incoming.pipe(form);
  });
}

export const fileRoutes: Route[] = [
  {
    method: 'POST',
    path: 'files',
    readsOwnBody: true,
    async handle({ store }, { incoming }) {
      const length = Number(incoming.headers['content-length']);
      if (length >= MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) {
        // Refused before reading: the connection closes rather than take the rest.
        throw new ApiError(413, 'file_too_large', 'Maximum file size exceeded', { Connection: 'close' });
      }
      const id = randomUUID();
      const partPath = store.files.partPathOf(id);
      try {
        const { fields, file } = await readForm(incoming, partPath);
        const input = createFileFields.parse(fields);
        if (!file) throw new ApiError(400, 'missing_field', 'Missing file contents');
        if (!store.users.exists(input.ownerID)) throw new ApiError(401, 'invalid_user_id', 'Invalid owner ID');
        const name = input.name ?? file.filename ?? '';
        // Cord stored a file without a name; local Cord refuses one.
        if (!name) throw new ApiError(400, 'missing_field', 'name is required: the file part has no filename.');
        const refusal = uploadRefusal({
          name,
          mimeType: file.declaredType,
          size: file.tooLarge ? MAX_UPLOAD_BYTES : file.size,
        });
        if (refusal) throw new ApiError(refusal.code === 'file_too_large' ? 413 : 400, refusal.code, refusal.message);
        const kept = await keepUpload(partPath, store.files.pathOf(id), file.declaredType);
        if (!kept.ok) throw new ApiError(400, 'file_type_not_allowed', kept.message);
        store.files.create({
          id,
          ownerId: input.ownerID,
          name,
          mimeType: kept.mimeType,
          size: file.size,
          status: 'uploaded',
        });
        return success('✅ File created.', { fileID: id });
      } finally {
        // Whatever was refused leaves nothing behind (a kept file was moved away already).
        await rm(partPath, { force: true });
      }
    },
  },
];
