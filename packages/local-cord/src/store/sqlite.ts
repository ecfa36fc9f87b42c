import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.ts';
import { WriterLock } from './writerLock.ts';

export type Row = Record<string, unknown>;

/** A LIKE pattern (with `ESCAPE '\\'`) matching text that contains `text`, whatever its characters. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** `:memory:` keeps everything in memory, for tests and CI. */
export const IN_MEMORY = ':memory:';

/**
 * How many prepared statements are kept. The store's SQL is a fixed set, but a few
 * statements are built for a list of ids (one `?` each): the cache starts again rather
 * than grow without end.
 */
const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement<unknown[]>;

/** The SQLite connection the store's parts share, its schema brought up to date on open. */
export class Sqlite {
  readonly db: Database.Database;
  private transactionDepth = 0;
  /** A file's one writer: taken before anything is read or migrated, released on close. */
  private readonly writerLock: WriterLock | undefined;
  private readonly writeListeners = new Set<() => void>();
  /** A write changed rows in the transaction under way: listeners hear of it once it commits. */
  private wroteInTransaction = false;

  /**
   * Statements by their SQL, prepared once: preparing cost more than running them (most of
   * the time a list of 1,000 threads took went to preparing the same few statements).
   * Those read as raw arrays (`value`) are kept apart, since raw mode stays set.
   */
  private readonly statements = new Map<string, Statement>();
  private readonly rawStatements = new Map<string, Statement>();
  private writes = 0;

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
    this.statements.clear();
    this.rawStatements.clear();
    this.db.close();
    this.writerLock?.release();
  }

  private prepared(sql: string, raw = false): Statement {
    const cache = raw ? this.rawStatements : this.statements;
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      statement = raw ? this.db.prepare(sql).raw(true) : this.db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` in a transaction; inside one already, as part of it (SQLite does not nest them). */
  transaction<T>(work: () => T): T {
    if (this.transactionDepth > 0) return work();
    this.transactionDepth++;
    let committed = false;
    try {
      const result = this.db.transaction(work)();
      committed = true;
      return result;
    } finally {
      this.transactionDepth--;
      const wrote = this.wroteInTransaction;
      this.wroteInTransaction = false;
      if (wrote && committed) this.tellWrite();
    }
  }

  /** Calls `listener` after every committed write that changed rows; returns how to stop. */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  private tellWrite() {
    for (const listener of this.writeListeners) listener();
  }

  // libsql adds a `_metadata` key to every row object: read columns by name only.
  rows(sql: string, ...params: unknown[]): Row[] {
    return this.prepared(sql).all(...params) as Row[];
  }

  row(sql: string, ...params: unknown[]): Row | undefined {
    return this.prepared(sql).get(...params) as Row | undefined;
  }

  /** Runs a write; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): number {
    this.writes++;
    const changes = this.prepared(sql).run(...params).changes;
    if (changes > 0) {
      if (this.transactionDepth > 0) this.wroteInTransaction = true;
      else this.tellWrite();
    }
    return changes;
  }

  /**
   * Changes whenever anything is written (every write goes through `run`): a reading kept
   * with the version it was read at is still true while the version is the same.
   */
  get version(): number {
    return this.writes;
  }

  value(sql: string, ...params: unknown[]): unknown {
    const row = this.prepared(sql, true).get(...params) as unknown[] | undefined;
    return row?.[0];
  }
}
