import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './schema.ts';

export type Row = Record<string, unknown>;

/**
 * Prepared statements kept for reuse, the most recently used: preparing one cost as much
 * as running it, and a thread list runs the same few for every thread. Bounded, since
 * statements with a list of `?`s differ by the list's length.
 */
const CACHED_STATEMENTS = 500;

/** `:memory:` keeps everything in memory, for tests and CI. */
export const IN_MEMORY = ':memory:';

/** The SQLite connection the store's parts share, its schema brought up to date on open. */
export class Sqlite {
  readonly db: Database.Database;
  private transactionDepth = 0;
  private readonly statements = new Map<string, Database.Statement>();

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
    try {
      return this.db.transaction(work)();
    } finally {
      this.transactionDepth--;
    }
  }

  // libsql adds a `_metadata` key to every row object: read columns by name only.
  rows(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  row(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  /** Runs a write; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): number {
    return this.statement(sql).run(...params).changes;
  }

  value(sql: string, ...params: unknown[]): unknown {
    const row = this.statement(sql, true).get(...params) as unknown[] | undefined;
    return row?.[0];
  }

  /** The statement for `sql`, prepared once; `raw` ones give rows as arrays (a statement keeps its mode). */
  private statement(sql: string, raw = false): Database.Statement {
    const key = raw ? `raw\n${sql}` : sql;
    let statement = this.statements.get(key);
    if (statement) {
      this.statements.delete(key);
    } else {
      statement = this.db.prepare(sql);
      if (raw) statement.raw(true);
      if (this.statements.size >= CACHED_STATEMENTS) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
    }
    this.statements.set(key, statement);
    return statement;
  }
}
