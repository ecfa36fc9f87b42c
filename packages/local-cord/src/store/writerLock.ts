import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'libsql';

// One local Cord per database file. Two on one file would run migrations at once and each
// write as if it were alone. The lock is SQLite's own: an exclusive transaction held open
// on a file beside the database, so the operating system releases it when its process
// ends, however it ends (a crash or kill -9 leaves no stale lock behind). Who holds it is
// written to a second file, only to say so to the one refused.

/** The local Cord that holds a database: its process, and its address once it listens. */
export interface DatabaseWriter {
  pid: number;
  url: string | null;
}

/** Thrown when another local Cord (in this process or another) already writes the database. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';

  constructor(
    readonly database: string,
    readonly writer: DatabaseWriter | undefined,
  ) {
    const who =
      writer === undefined
        ? 'another local Cord'
        : writer.url === null
          ? `another local Cord (process ${writer.pid}, still starting)`
          : `another local Cord, listening on ${writer.url} (process ${writer.pid})`;
    super(`${database} is in use by ${who}. Stop it, or set LOCAL_CORD_DB to another file.`);
  }
}

export class WriterLock {
  private constructor(
    private readonly lock: Database.Database,
    private readonly writerFile: string,
  ) {}

  /** Takes the database's lock, or throws a DatabaseInUseError naming who holds it. */
  static take(database: string): WriterLock {
    const writerFile = `${database}-writer.json`;
    const lock = new Database(`${database}-lock`);
    try {
      // No waiting: a lock held now is held by a running local Cord.
      lock.exec('PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE');
    } catch (error) {
      lock.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new DatabaseInUseError(database, readWriter(writerFile));
      }
      throw error;
    }
    const taken = new WriterLock(lock, writerFile);
    taken.announce(null);
    return taken;
  }

  /** Records where this local Cord listens, for the message a second one gets. */
  announce(url: string | null): void {
    const writer: DatabaseWriter = { pid: process.pid, url };
    writeFileSync(this.writerFile, JSON.stringify(writer));
  }

  release(): void {
    rmSync(this.writerFile, { force: true });
    // Closing ends the open transaction, and with it the lock.
    this.lock.close();
  }
}

function readWriter(file: string): DatabaseWriter | undefined {
  try {
    const writer = JSON.parse(readFileSync(file, 'utf8')) as Partial<DatabaseWriter>;
    return typeof writer.pid === 'number' ? { pid: writer.pid, url: writer.url ?? null } : undefined;
  } catch {
    return undefined;
  }
}
