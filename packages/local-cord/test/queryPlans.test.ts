// Every statement the live API and the inspector run, as SQLite plans it: none reads a
// whole table where an index could find its rows, so a store of 10,000 users and 100,000
// messages answers as quickly as an empty one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { Sqlite } from '../src/store/sqlite.ts';
import { memberToken, sendBody, signIn, startThrowawayLocalCord, stopServer } from '../src/testing/index.ts';

let cord: LocalCord;
let dir: string;
let database: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'local-cord-plans-'));
  database = join(dir, 'cord.db');
  cord = await startThrowawayLocalCord(database);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await stopServer(cord);
  rmSync(dir, { recursive: true, force: true });
});

interface Statement {
  sql: string;
  params: unknown[];
}

/** Records every statement the store runs from now on, with its parameters. */
function recordStatements(): Statement[] {
  const statements: Statement[] = [];
  for (const method of ['rows', 'row', 'run', 'value'] as const) {
    const original = Sqlite.prototype[method];
    vi.spyOn(Sqlite.prototype, method).mockImplementation(function (this: Sqlite, sql: string, ...params: unknown[]) {
      statements.push({ sql, params });
      return (original as (sql: string, ...params: unknown[]) => never).call(this, sql, ...params);
    });
  }
  return statements;
}

/**
 * The tables a statement's plan reads from end to end (SQLite's "SCAN <table>"), except
 * where that is bounded: an index read in order that a LIMIT stops (with no sort of
 * everything after it), a partial index (it holds just the rows the statement is for), the
 * rows of a subquery, and a bare count of a table's rows (which reads its smallest index,
 * and is what a count is).
 */
function fullScans(db: Database.Database, { sql, params }: Statement): string[] {
  const partialIndexes = new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").all() as Array<{
        name: string;
      }>
    ).map((index) => index.name),
  );
  if (/^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK)/i.test(sql)) return [];
  if (/^\s*SELECT count\(\*\) FROM \w+\s*$/i.test(sql)) return [];
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ parent: number; detail: string }>;
  const subqueries = new Set(plan.flatMap((step) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(step.detail)?.[1] ?? []));
  const sortsAll = plan.some((step) => step.parent === 0 && step.detail.startsWith('USE TEMP B-TREE FOR ORDER BY'));
  const stopsEarly = /\bLIMIT\b/i.test(sql) && !sortsAll;
  return plan.flatMap((step) => {
    const scan = /^SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?/.exec(step.detail);
    if (!scan?.[1] || scan[1] === 'CONSTANT' || scan[1].startsWith('(') || subqueries.has(scan[1])) return [];
    const index = scan[2];
    return index && (stopsEarly || partialIndexes.has(index)) ? [] : [scan[1]];
  });
}

function scansOf(statements: Statement[]): string[] {
  const db = new Database(database);
  try {
    const distinct = new Map(statements.map((statement) => [statement.sql, statement]));
    return [...distinct.values()].flatMap((statement) =>
      fullScans(db, statement).map((table) => `${table}: ${statement.sql.replace(/\s+/g, ' ').trim()}`),
    );
  } finally {
    db.close();
  }
}

describe('query plans', () => {
  it('the live API reads no table from end to end', async () => {
    const statements = recordStatements();
    const alice = await signIn(cord, memberToken('alice', 'team'));
    const bob = await signIn(cord, memberToken('bob', 'team'));
    await bob.client.ok({ type: 'thread.observe', threadId: 't1' });
    await bob.client.ok({
      type: 'threads.observe',
      queryId: 'list',
      filter: { resolvedStatus: 'any', viewer: [] },
      sort: { sortBy: 'most_recent_message_timestamp', sortDirection: 'descending' },
      count: 10,
    });
    await bob.client.ok({
      type: 'threadCounts.observe',
      queryId: 'counts',
      filter: { resolvedStatus: 'any', viewer: [] },
    });
    await bob.client.ok({ type: 'notificationCounts.observe', queryId: 'unread', filter: {} });
    await bob.client.ok({ type: 'notifications.observe', queryId: 'inbox', filter: {}, count: 10 });
    await bob.client.ok({ type: 'groupMembers.observe', queryId: 'members', groupId: 'team', count: 10 });
    await bob.client.ok({ type: 'presence.watch', watchId: 'here', location: { page: 'home' } });
    await alice.client.ok({ type: 'presence.set', location: { page: 'home' }, present: true, durable: true });
    await alice.client.ok(sendBody('t1', 'm1', 'Hello @bob'));
    await bob.client.ok(sendBody('t1', 'm2', 'Hello back'));
    await alice.client.ok({ type: 'message.update', messageId: 'm2', addReactions: ['👍'] });
    await alice.client.ok({ type: 'message.update', messageId: 'm1', content: sendBody('t1', 'm1', 'Edited').content });
    await bob.client.ok({ type: 'thread.setSeen', threadId: 't1', seen: true });
    await bob.client.ok({ type: 'thread.olderMessages', threadId: 't1', beforeMessageId: 'm2', count: 10 });
    await bob.client.ok({ type: 'message.observe', messageId: 'm1' });
    await alice.client.close();
    // What runs every second over the whole store: presence past its deadline.
    cord.store.presence.lapse(Date.now() + 60_000);

    expect(scansOf(statements)).toEqual([]);
  });

  it('the inspector reads no table from end to end', async () => {
    const alice = await signIn(cord, memberToken('alice', 'team'));
    await alice.client.ok(sendBody('t1', 'm1', 'Hello'));
    await alice.client.ok({ type: 'presence.set', location: { page: 'home' }, present: true, durable: true });
    const statements = recordStatements();

    expect((await fetch(`${cord.url}/inspector/state`)).status).toBe(200);

    expect(statements.length).toBeGreaterThan(0);
    expect(scansOf(statements)).toEqual([]);
  });
});
