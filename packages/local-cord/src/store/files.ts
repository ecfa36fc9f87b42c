import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_LINK_LIFETIME_MS, type FileUploadStatus } from '../protocol/files.ts';
import type { FileAttachmentData } from '../protocol/views.ts';
import type { Row, Sqlite } from './sqlite.ts';

/** A file's record; its bytes are on disk at `Files.pathOf(id)` once uploaded. */
export interface FileRecord {
  id: string;
  ownerId: string;
  name: string;
  /** The type the bytes turned out to be once uploaded; until then, the one declared. */
  mimeType: string;
  size: number;
  status: FileUploadStatus;
  createdAt: number;
}

export type NewFile = Pick<FileRecord, 'id' | 'ownerId' | 'name' | 'mimeType' | 'size'> &
  Partial<Pick<FileRecord, 'status'>>;

/** A file as a message carries it (Cord's MessageFileAttachment), with a signed link that works for a day. */
export type AttachedFile = Omit<FileAttachmentData, 'type'>;

const LINK_STEP_MS = 60 * 60 * 1000;
const BATCH = 500;

function toFileRecord(row: Row): FileRecord {
  return {
    id: row.id as string,
    ownerId: row.owner_id as string,
    name: row.name as string,
    mimeType: row.mime_type as string,
    size: row.size as number,
    status: row.status as FileUploadStatus,
    createdAt: row.created_at as number,
  };
}

function signature(secret: string, id: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`${id}\n${expires}`).digest();
}

/**
 * Uploaded files: a row each, the bytes in a directory next to the database (a temporary
 * one, removed on close, for an in-memory database), which messages carry them, and the
 * signed links they are served under. Each file has a secret of its own that signs its
 * links, so a link cannot be made for a file from its id alone.
 */
export class Files {
  readonly directory: string;
  private readonly temporary: boolean;
  /** Where local Cord answers, which links start with; empty until it listens. */
  private linkOrigin = '';

  /** `databasePath` undefined: the database is in memory. */
  constructor(
    private readonly sql: Sqlite,
    databasePath: string | undefined,
  ) {
    this.temporary = databasePath === undefined;
    // Beside the database, named as SQLite names its own companions (-wal, -shm).
    this.directory = this.temporary ? mkdtempSync(join(tmpdir(), 'local-cord-files-')) : `${databasePath}-files`;
    mkdirSync(this.directory, { recursive: true });
  }

  /** Links are made absolute with local Cord's own origin, known once it listens. */
  setLinkOrigin(origin: string) {
    this.linkOrigin = origin;
  }

  create(file: NewFile, now = Date.now()): FileRecord {
    this.sql.run(
      `INSERT INTO files (id, owner_id, name, mime_type, size, status, link_secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      file.id,
      file.ownerId,
      file.name,
      file.mimeType,
      file.size,
      file.status ?? 'uploading',
      randomBytes(32).toString('base64url'),
      now,
    );
    return this.get(file.id)!;
  }

  get(id: string): FileRecord | undefined {
    const row = this.sql.row('SELECT * FROM files WHERE id = ?', id);
    return row && toFileRecord(row);
  }

  setStatus(id: string, status: FileUploadStatus) {
    this.sql.run('UPDATE files SET status = ? WHERE id = ?', status, id);
  }

  /** The bytes are in place: the file is served from now on, as the type they turned out to be. */
  setUploaded(id: string, mimeType: string) {
    this.sql.run("UPDATE files SET status = 'uploaded', mime_type = ? WHERE id = ?", mimeType, id);
  }

  /** Files still uploading that were created before `before`, except those whose bytes are arriving. */
  stale(before: number, arriving: ReadonlySet<string>): FileRecord[] {
    return this.sql
      .rows("SELECT * FROM files WHERE status = 'uploading' AND created_at < ?", before)
      .map(toFileRecord)
      .filter((file) => !arriving.has(file.id));
  }

  // --- on disk ---------------------------------------------------------------------

  /** Where an uploaded file's bytes are kept. Ids are UUIDs, so they are safe file names. */
  pathOf(id: string): string {
    return join(this.directory, id);
  }

  /** Where bytes are written while they arrive; renamed to `pathOf` once complete. */
  partPathOf(id: string): string {
    return join(this.directory, `${id}.part`);
  }

  removeBytes(id: string) {
    rmSync(this.pathOf(id), { force: true });
    rmSync(this.partPathOf(id), { force: true });
  }

  // --- attached to messages ----------------------------------------------------------

  /** Attaches files to a message, after those it has. */
  attach(messageId: string, fileIds: readonly string[]) {
    for (const fileId of fileIds) {
      this.sql.run('INSERT INTO message_attachments (message_id, file_id) VALUES (?, ?)', messageId, fileId);
    }
  }

  /** Takes files off a message; one it does not carry is left alone. */
  detach(messageId: string, fileIds: readonly string[]) {
    for (const fileId of fileIds) {
      this.sql.run('DELETE FROM message_attachments WHERE message_id = ? AND file_id = ?', messageId, fileId);
    }
  }

  /** The files each message carries, in the order they were attached, with fresh links. */
  attachedTo(messageIds: readonly string[], now = Date.now()): Map<string, AttachedFile[]> {
    const attached = new Map<string, AttachedFile[]>();
    // SQLite takes a limited number of parameters per statement: ask in batches.
    for (let start = 0; start < messageIds.length; start += BATCH) {
      const batch = messageIds.slice(start, start + BATCH);
      const rows = this.sql.rows(
        `SELECT a.message_id, f.* FROM message_attachments a JOIN files f ON f.id = a.file_id
         WHERE a.message_id IN (${batch.map(() => '?').join(',')}) ORDER BY a.seq`,
        ...batch,
      );
      for (const row of rows) {
        const file = toFileRecord(row);
        const messageId = row.message_id as string;
        attached.set(messageId, [
          ...(attached.get(messageId) ?? []),
          {
            id: file.id,
            name: file.name,
            url: this.link(file.id, row.link_secret as string, now),
            mimeType: file.mimeType,
            size: file.size,
            uploadStatus: file.status,
          },
        ]);
      }
    }
    return attached;
  }

  /** The messages carrying a file. */
  messagesWith(fileId: string): string[] {
    return this.sql
      .rows('SELECT message_id FROM message_attachments WHERE file_id = ? ORDER BY seq', fileId)
      .map((row) => row.message_id as string);
  }

  /** The groups whose threads have a message carrying the file: their members may fetch it. */
  groupsSharing(fileId: string): string[] {
    return this.sql
      .rows(
        `SELECT DISTINCT t.group_id FROM message_attachments a
         JOIN messages m ON m.id = a.message_id JOIN threads t ON t.id = m.thread_id
         WHERE a.file_id = ?`,
        fileId,
      )
      .map((row) => row.group_id as string);
  }

  // --- links -------------------------------------------------------------------------

  /** A file's link as its owner gets it when the upload is done. */
  linkOf(id: string, now = Date.now()): string | undefined {
    const secret = this.sql.value('SELECT link_secret FROM files WHERE id = ?', id);
    return typeof secret === 'string' ? this.link(id, secret, now) : undefined;
  }

  /**
   * Whether a link's expiry and signature are the ones local Cord made for the file, and
   * it has not expired.
   */
  isValidLink(id: string, expires: number, signed: string, now = Date.now()): boolean {
    const secret = this.sql.value('SELECT link_secret FROM files WHERE id = ?', id);
    if (typeof secret !== 'string' || !Number.isSafeInteger(expires) || expires <= now) return false;
    const given = Buffer.from(signed, 'base64url');
    const expected = signature(secret, id, expires);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * A link valid for a day or a little more: its expiry is rounded up to the hour, so a
   * message sent again within the hour keeps the same link and its picture is not
   * loaded anew.
   */
  private link(id: string, secret: string, now: number): string {
    const expires = Math.ceil((now + FILE_LINK_LIFETIME_MS) / LINK_STEP_MS) * LINK_STEP_MS;
    const signed = signature(secret, id, expires).toString('base64url');
    return `${this.linkOrigin}/files/${id}?expires=${expires}&signature=${signed}`;
  }

  // --- the directory -----------------------------------------------------------------

  /** Deletes every file's bytes (the rows go with the store's reset). */
  clear() {
    for (const name of readdirSync(this.directory)) rmSync(join(this.directory, name), { force: true });
  }

  /** A temporary directory goes with the in-memory database it belonged to. */
  close() {
    if (this.temporary) rmSync(this.directory, { recursive: true, force: true });
  }
}
