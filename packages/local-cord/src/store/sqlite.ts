import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.ts';

export type Row = Record<string, unknown>;

/** A LIKE pattern (with `ESCAPE '\\'`) matching text that contains `text`, whatever its characters. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** `:memory:` keeps everything in memory, for tests and CI. */
export const IN_MEMORY = ':memory:';

/** The SQLite connection the store's parts share, its schema brought up to date on open. */
export class Sqlite {
  readonly db: Database.Database;
  private transactionDepth = 0;
  private readonly writeListeners = new Set<() => void>();
  /** A write changed rows in the transaction under way: listeners hear of it once it commits. */
  private wroteInTransaction = false;

  constructor(path: string) {
    if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL with synchronous=NORMAL: a commit survives a crash of local Cord (SIGKILL), the
    // guarantee acknowledgements rely on, without an fsync on every write.
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
    );
    this.migrate();
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
    return this.db.prepare(sql).all(...params) as Row[];
  }

  row(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  /** Runs a write; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): number {
    const changes = this.db.prepare(sql).run(...params).changes;
    if (changes > 0) {
      if (this.transactionDepth > 0) this.wroteInTransaction = true;
      else this.tellWrite();
    }
    return changes;
  }

  value(sql: string, ...params: unknown[]): unknown {
    const row = this.db
      .prepare(sql)
      .raw(true)
      .get(...params) as unknown[] | undefined;
    return row?.[0];
  }
}
