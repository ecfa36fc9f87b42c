// One local Cord per database file (issue 11, finding 9): a second one on the same file,
// on another port, would run the migrations at the same time and write beside the first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalCord } from '../src/server/index.ts';
import { type CliProcess, startCli, startThrowawayLocalCord, stopCli, stopServer } from '../src/testing/index.ts';

let dataDir: string;
let database: string;
const servers: LocalCord[] = [];
const processes: CliProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-cord-writer-'));
  database = join(dataDir, 'local-cord.db');
});

afterEach(async () => {
  await Promise.all(processes.splice(0).map((cli) => stopCli(cli, 'SIGKILL')));
  await Promise.all(servers.splice(0).map(stopServer));
  rmSync(dataDir, { recursive: true, force: true });
});

function cli() {
  const started = startCli({ LOCAL_CORD_DB: database, LOCAL_CORD_PORT: '0', LOCAL_CORD_HOST: '127.0.0.1' });
  processes.push(started);
  return started;
}

const LISTENING = /local Cord listening on (http:\/\/127\.0\.0\.1:\d+)/;

describe('one local Cord per database file', () => {
  it('a second process on the same file exits 1, naming the first one and its port', { timeout: 30_000 }, async () => {
    const first = cli();
    const [, url] = await first.waitFor(LISTENING);

    const second = cli();
    const { code } = await second.exited;

    expect(code).toBe(1);
    expect(second.output()).toContain(`${database} is in use by another local Cord, listening on ${url}`);
    expect(second.output()).toContain('LOCAL_CORD_DB');
    expect(second.output()).not.toMatch(/local Cord listening/);
    // The first is untouched.
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('a crash leaves no stale lock: after kill -9 the next one starts on the file', { timeout: 30_000 }, async () => {
    const crashed = cli();
    await crashed.waitFor(LISTENING);
    await stopCli(crashed, 'SIGKILL');

    const next = cli();
    const [, url] = await next.waitFor(LISTENING);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('two servers in one process: the second is refused, and the file is free again once the first stops', async () => {
    const first = await startThrowawayLocalCord(database);
    servers.push(first);

    await expect(startThrowawayLocalCord(database)).rejects.toThrow(
      `${database} is in use by another local Cord, listening on ${first.url}`,
    );

    await stopServer(servers.pop()!);
    servers.push(await startThrowawayLocalCord(database));
  });
});
