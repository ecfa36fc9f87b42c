// `cord init` against a real local Cord that runs the published development project, as
// `pnpm dev` starts it: found without an account, written where Cord's CLI wrote.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { IN_MEMORY, type LocalCord, startLocalCord } from '@cord-tutorial/local-cord';
import { freePort, PROJECT, startThrowawayLocalCord, stopServer } from '@cord-tutorial/local-cord/testing';
import {
  LOCAL_CORD_CUSTOMER_ID,
  LOCAL_CORD_CUSTOMER_SECRET,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_NAME,
  LOCAL_CORD_PROJECT_SECRET,
} from '@cord-tutorial/stack-config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runIn, tempConfig } from './support.ts';

let config: ReturnType<typeof tempConfig>;
const servers: LocalCord[] = [];

beforeEach(() => {
  config = tempConfig();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await stopServer(server);
  config.remove();
});

async function developmentLocalCord(): Promise<LocalCord> {
  const project = { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET };
  const cord = await startLocalCord({ project, database: IN_MEMORY, host: '127.0.0.1', port: 0 });
  servers.push(cord);
  return cord;
}

/** The environment of a stack whose local Cord listens on `port`; no CORD_* overrides. */
const stackEnv = (port: number) => ({ CORD_CONFIG_PATH: config.path, LOCAL_CORD_PORT: String(port) });

const settings = () => readFileSync(config.path, 'utf8');

/** What `cord init` writes for local Cord's development project and customer, in this order. */
const developmentKeys = (cord: LocalCord) =>
  `CORD_PROJECT_ID=${LOCAL_CORD_PROJECT_ID}\nCORD_PROJECT_SECRET=${LOCAL_CORD_PROJECT_SECRET}\n` +
  `CORD_CUSTOMER_ID=${LOCAL_CORD_CUSTOMER_ID}\nCORD_CUSTOMER_SECRET=${LOCAL_CORD_CUSTOMER_SECRET}\n` +
  `CORD_API_URL=${cord.url}/v1\n`;

describe('cord init', () => {
  it('offers the running local Cord, takes it on Enter, and then every command uses it', async () => {
    const cord = await developmentLocalCord();
    const init = await runIn(['init'], { env: stackEnv(cord.port), answers: [''] });

    expect(init.code).toBe(0);
    expect(init.stdout).toContain(
      `Local Cord is running at ${cord.url}, with its development project ${LOCAL_CORD_PROJECT_ID}.`,
    );
    expect(init.stdout).toContain('Use it? (Y/n)');
    expect(init.stdout).toContain('CORD_PROJECT_SECRET=(hidden)');
    expect(init.stdout).toContain(`CORD_CUSTOMER_ID=${LOCAL_CORD_CUSTOMER_ID}\nCORD_CUSTOMER_SECRET=(hidden)`);
    expect(settings()).toBe(developmentKeys(cord));
    expect(statSync(config.path).mode & 0o777).toBe(0o600);

    // Without any CORD_* variable, and with the stack's port gone from the environment too.
    const created = await runIn(['user', 'create', 'cordymccordface', '--name', 'Cordy'], {
      env: { CORD_CONFIG_PATH: config.path },
    });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(cord.store.users.exists('cordymccordface')).toBe(true);
  });

  it('sets up the customer keys too, so `cord project` manages local Cord’s project with no variable set', async () => {
    const cord = await developmentLocalCord();
    expect((await runIn(['init', '--yes'], { env: stackEnv(cord.port) })).code).toBe(0);
    const env = { CORD_CONFIG_PATH: config.path };

    const listed = await runIn(['project', 'ls'], { env });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.json()).toEqual([
      expect.objectContaining({
        id: LOCAL_CORD_PROJECT_ID,
        secret: LOCAL_CORD_PROJECT_SECRET,
        name: LOCAL_CORD_PROJECT_NAME,
      }),
    ]);
    expect(await runIn(['app', 'update', LOCAL_CORD_PROJECT_ID, '--name', 'Owlery'], { env })).toMatchObject({
      code: 0,
    });
    expect((await runIn(['project', 'which'], { env })).json()).toMatchObject({ name: 'Owlery' });
  });

  it("falls back to local Cord's development customer, as to its project, when nothing names one", async () => {
    const cord = await developmentLocalCord();
    const listed = await runIn(['application', 'ls'], { env: stackEnv(cord.port) });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.json()).toEqual([expect.objectContaining({ id: LOCAL_CORD_PROJECT_ID })]);
  });

  it('--yes takes local Cord without asking, keeping the other settings of the file', async () => {
    const cord = await developmentLocalCord();
    writeFileSync(
      config.path,
      'VERSION_LAST_CHECKED=1700000000000\nCORD_CUSTOMER_ID=c1\n# a comment Cord would drop\n',
    );
    const init = await runIn(['init', '--yes'], { env: stackEnv(cord.port) });

    expect(init.code).toBe(0);
    expect(init.stdout).not.toContain('Use it?');
    // The file's customer was another Cord's: local Cord's replaces it.
    expect(settings()).toBe(
      `VERSION_LAST_CHECKED=1700000000000\nCORD_CUSTOMER_ID=${LOCAL_CORD_CUSTOMER_ID}\n` +
        `CORD_PROJECT_ID=${LOCAL_CORD_PROJECT_ID}\nCORD_PROJECT_SECRET=${LOCAL_CORD_PROJECT_SECRET}\n` +
        `CORD_CUSTOMER_SECRET=${LOCAL_CORD_CUSTOMER_SECRET}\nCORD_API_URL=${cord.url}/v1\n`,
    );
  });

  it('--yes fails with what to do when local Cord is not running, and writes nothing', async () => {
    const init = await runIn(['init', '-y'], { env: stackEnv(await freePort()) });
    expect(init.code).toBe(EXIT.unreachable);
    expect(init.stderr).toMatch(
      /^Local Cord is not running at http:\/\/127\.0\.0\.1:\d+\.\nHint: Start it with `pnpm dev`/,
    );
    expect(() => settings()).toThrow(/ENOENT/);
  });

  it('asks for another Cord when local Cord is not running, insisting on the required answers', async () => {
    const cord = await startThrowawayLocalCord();
    servers.push(cord);
    const answers = [`${cord.url}/v1`, '', PROJECT.id, PROJECT.secret, 'n'];
    const init = await runIn(['init'], { env: stackEnv(await freePort()), answers });

    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Local Cord is not running at .* Enter the Cord to use:/);
    expect(init.stdout).toContain('This is required to run the commands');
    expect(settings()).toBe(
      `CORD_API_URL=${cord.url}/v1\nCORD_PROJECT_ID=${PROJECT.id}\nCORD_PROJECT_SECRET=${PROJECT.secret}\n`,
    );
    const listed = await runIn(['group', 'ls'], { env: { CORD_CONFIG_PATH: config.path } });
    expect(listed).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it("offers a local Cord's own project when it runs another one, and asks for the customer keys on yes", async () => {
    const cord = await startThrowawayLocalCord();
    servers.push(cord);
    const answers = ['', '', PROJECT.secret, 'y', 'cust', ''];
    const init = await runIn(['init'], { env: stackEnv(cord.port), answers });

    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`runs project ${PROJECT.id}`);
    expect(init.stdout).toContain('You will still need to configure your customer secret to execute project commands.');
    expect(settings()).toContain(`CORD_PROJECT_ID=${PROJECT.id}\n`);
    expect(settings()).toContain('CORD_CUSTOMER_ID=cust\n');
  });

  it('asks for another Cord when local Cord is declined', async () => {
    const cord = await developmentLocalCord();
    const answers = ['n', 'https://cord.example.com/v1', 'p1', 's1', ''];
    const init = await runIn(['init'], { env: stackEnv(cord.port), answers });
    expect(init.code).toBe(0);
    expect(settings()).toBe('CORD_API_URL=https://cord.example.com/v1\nCORD_PROJECT_ID=p1\nCORD_PROJECT_SECRET=s1\n');
  });

  it('stops, writing nothing, when the input ends before an answer', async () => {
    const cord = await developmentLocalCord();
    const init = await runIn(['init'], { env: stackEnv(cord.port), answers: [] });
    expect(init.code).toBe(EXIT.usage);
    expect(init.stderr).toBe('cord init stopped: no answer.\n');
    expect(() => settings()).toThrow(/ENOENT/);
  });
});
