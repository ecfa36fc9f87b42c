import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { lookup } from 'mime-types';
import { UsageError } from '../errors.ts';
import { type CordCommand, printing } from './context.ts';
import { stringFlag } from './flags.ts';

// `cord file upload`: Cord's files REST API (https://docs.cord.com/rest-apis/files).

const uploadOptions = {
  file: { ...stringFlag('Path of the file to upload'), demandOption: true },
  ownerID: { ...stringFlag('The user who owns the file (and may attach it)'), alias: 'ownerId', demandOption: true },
  name: stringFlag('The file name Cord keeps (default: the name of the file)'),
} as const;

async function readUpload(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

export const fileCommand: CordCommand = {
  name: 'file',
  description: 'Files to attach to messages (https://docs.cord.com/rest-apis/files)',
  subcommands: (yargs, context) =>
    yargs.command(
      'upload',
      'Upload a file: POST /v1/files',
      (y) => y.options(uploadOptions),
      printing(context, async ({ file, ownerID, name }) => {
        const bytes = await readUpload(file);
        // The type follows the file's extension, as in Cord's CLI; unknown means octet-stream.
        const type = lookup(file) || 'application/octet-stream';
        const form = new FormData();
        form.append('file', new Blob([bytes], { type }), name ?? basename(file));
        form.append('ownerID', ownerID);
        return (await context.api()).call('POST', 'files', form);
      }),
    ),
};
