import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.ts';
import { WriterLock } from './writerLock.ts';

export type Row = Record<string, unknown>;

/** `:memory:` keeps everything in memory, for tests and CI. */
export const IN_MEMORY = ':memory:';

/** The SQLite connection the store's parts share, its schema brought up to date on open. */
export class Sqlite {
  readonly db: Database.Database;
  private transactionDepth = 0;
  /** A file's one writer: taken before anything is read or migrated, released on close. */
  private readonly writerLock: WriterLock | undefined;

  /** Throws a DatabaseInUseError if another local Cord writes this file. */
  constructor(path: string) {
    if (path !== IN_MEMORY) {
      mkdirSync(dirname(path), { recursive: true });
      this.writerLock = WriterLock.take(path);
    }
    try {
      this.db = new Database(path);
      // WAL with synchronous=NORMAL: a commit survives a crash of local Cord (SIGKILL), the
      // guarantee acknowledgements rely on, without an fsync on every write.
      this.db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
      );
      this.migrate();
    } catch (error) {
      this.writerLock?.release();
      throw error;
    }
  }

  /** Says where this local Cord listens, to a second one refused the same file. */
  announceWriter(url: string) {
    this.writerLock?.announce(url);
  }

  private migrate() {
    const version = Number(this.value('PRAGMA user_version'));
    MIGRATIONS.slice(version).forEach((migration, index) => {
      this.transaction(() => {
        if (typeof migration === 'string') this.db.exec(migration);
        else migration(this);
        this.db.exec(`PRAGMA user_version = ${version + index + 1}`);
      });
    });
  }

  close() {
    this.db.close();
    this.writerLock?.release();
  }

  /** Runs `work` in a transaction; inside one already, as part of it (SQLite does not nest them). */
  transaction<T>(work: () => T): T {
    if (this.transactionDepth > 0) return work();
    this.transactionDepth++;
    try {
      return this.db.transaction(work)();
    } finally {
      this.transactionDepth--;
    }
  }

  // libsql adds a `_metadata` key to every row object: read columns by name only.
  rows(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  row(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  /** Runs a write; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  value(sql: string, ...params: unknown[]): unknown {
    const row = this.db
      .prepare(sql)
      .raw(true)
      .get(...params) as unknown[] | undefined;
    return row?.[0];
  }
}
