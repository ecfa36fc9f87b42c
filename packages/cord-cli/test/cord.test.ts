// The parts of `cord` around the commands: help and version, where its settings come from,
// and the errors that say Cord is not there or refused the keys.
import { writeFileSync } from 'node:fs';
import type { LocalCord } from '@cord-tutorial/local-cord';
import { freePort, PROJECT } from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_ID } from '@cord-tutorial/stack-config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { envFor, runIn, startCordAndConfig, type TempConfig } from './support.ts';

let cord: LocalCord;
let config: TempConfig;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ cord, config, stop } = await startCordAndConfig());
});
afterEach(() => stop());

describe('help and version', () => {
  it("lists Cord's commands (not the hidden permission) and prints Cord CLI's version", async () => {
    const help = await runIn(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'init',
      'group',
      'thread',
      'user',
      'project',
      'notification',
      'message',
      'file',
      'client-auth-token',
      'curl',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  cord ${command}\\b`, 'm'));
    }
    expect(help.stdout).not.toMatch(/cord permission/);
    expect(await runIn(['--version'])).toMatchObject({ code: 0, stdout: '1.4.0\n' });
  });

  it('has help for every subcommand, hidden ones too', async () => {
    const help = await runIn(['message', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^cord message create \[id\]/);
    expect(help.stdout).toMatch(/--markdownContent/);
    expect(help.stdout).toMatch(/--threadID, --threadId .*\[required\]/);
    expect((await runIn(['permission', '--help'])).stdout).toMatch(/cord permission create/);
  });

  it('refuses an unknown or missing command with its help, exit 2', async () => {
    const unknown = await runIn(['usr', 'ls']);
    expect(unknown).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(unknown.stderr).toMatch(/^cord <command> \[args\][\s\S]*\n\nUnknown arguments: usr, ls\n$/);
    const missing = await runIn(['user']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/cord user ls[\s\S]*Not enough non-option arguments: got 0, need at least 1/);
  });
});

describe('where cord finds Cord', () => {
  it("talks to local Cord's development project by default", async () => {
    // Local Cord runs the test project here, so the published project is refused: it was asked for.
    const result = await runIn(['group', 'ls'], {
      env: { CORD_CONFIG_PATH: config.path, LOCAL_CORD_PORT: String(cord.port) },
    });
    expect(result.code).toBe(EXIT.unauthorized);
    expect(result.stderr).toContain('Platform project not found.');
    expect(result.stderr).toContain(
      `Cord refused project ${LOCAL_CORD_PROJECT_ID} (from local Cord's development project)`,
    );
    expect(result.stderr).toMatch(/Hint: .*from local Cord's development project.*`cord init`/);
  });

  it('reads the settings file that cord init writes, in Cord CLI format', async () => {
    writeFileSync(
      config.path,
      `# written by hand\nVERSION_LAST_CHECKED=1\nCORD_PROJECT_ID=${PROJECT.id}\nCORD_PROJECT_SECRET=${PROJECT.secret}\nCORD_API_URL=${cord.url}/v1/\n`,
    );
    const result = await runIn(['group', 'ls'], { env: { CORD_CONFIG_PATH: config.path } });
    expect(result).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('lets CORD_PROJECT_ID, CORD_PROJECT_SECRET and CORD_API_URL override the file', async () => {
    writeFileSync(
      config.path,
      `CORD_PROJECT_ID=${PROJECT.id}\nCORD_PROJECT_SECRET=wrong\nCORD_API_URL=http://127.0.0.1:9/v1\n`,
    );
    const overridden = await runIn(['group', 'ls'], {
      env: {
        CORD_CONFIG_PATH: config.path,
        CORD_PROJECT_ID: PROJECT.id,
        CORD_PROJECT_SECRET: PROJECT.secret,
        CORD_API_URL: `${cord.url}/v1`,
      },
    });
    expect(overridden).toMatchObject({ code: 0, stdout: '[]\n' });

    const fileSecret = await runIn(['group', 'ls'], {
      env: { CORD_CONFIG_PATH: config.path, CORD_API_URL: `${cord.url}/v1` },
    });
    expect(fileSecret.code).toBe(EXIT.unauthorized);
    expect(fileSecret.stderr).toMatch(/invalid_project_token[\s\S]*Hint: Cord refused project .* \(from .*\.cord\)/);
  });

  it('refuses half a credential and a bad URL, saying which', async () => {
    const half = await runIn(['group', 'ls'], { env: { CORD_CONFIG_PATH: config.path, CORD_PROJECT_ID: PROJECT.id } });
    expect(half).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(half.stderr).toMatch(/CORD_PROJECT_SECRET is not set/);

    writeFileSync(config.path, 'CORD_PROJECT_ID=p\n');
    const halfFile = await runIn(['group', 'ls'], { env: { CORD_CONFIG_PATH: config.path } });
    expect(halfFile.stderr).toMatch(/\.cord has CORD_PROJECT_ID but no CORD_PROJECT_SECRET\.\nHint: Run `cord init`/);

    const badUrl = await runIn(['group', 'ls'], {
      env: { ...envFor(cord, config.path), CORD_API_URL: 'localhost:8161' },
    });
    expect(badUrl).toMatchObject({ code: EXIT.usage });
  });
});

describe('when Cord is not there', () => {
  it('says to start local Cord when it does not answer, exit 3', async () => {
    const port = await freePort();
    const result = await runIn(['user', 'ls'], { env: { ...envFor({ port }, config.path) } });
    expect(result).toMatchObject({ code: EXIT.unreachable, stdout: '' });
    expect(result.stderr).toBe(
      `Could not reach Cord at http://127.0.0.1:${port}/v1 (ECONNREFUSED).\n` +
        'Hint: Is local Cord running? Start it with `pnpm dev` (or only local Cord: `pnpm --filter @cord-tutorial/local-cord start`).\n',
    );
  });

  it('names the deployment, not local Cord, for another Cord', async () => {
    const port = await freePort();
    const env = { ...envFor(cord, config.path), CORD_API_URL: `http://127.0.0.1:${port}/v1` };
    const unreachable = await runIn(['user', 'ls'], { env });
    expect(unreachable.stderr).toMatch(/Could not reach Cord at .*\nHint: Check the URL/);

    // The same local Cord, reached as "another deployment" under another name and a path it does not serve.
    const api = `http://localhost:${cord.port}/v1/elsewhere`;
    const unsupported = await runIn(['group', 'ls'], { env: { ...envFor({ port }, config.path), CORD_API_URL: api } });
    expect(unsupported.code).toBe(EXIT.unsupported);
    expect(unsupported.stderr).toContain(`GET /v1/groups is not supported by the Cord at ${api} yet.`);
  });

  it('explains an answer that is not JSON (a URL that is not a Cord API)', async () => {
    const env = { ...envFor(cord, config.path), CORD_API_URL: `${cord.url}/sdk/v1` };
    const result = await runIn(['group', 'ls'], { env });
    expect(result.code).toBe(EXIT.unsupported);
    expect(result.stderr).toMatch(
      /GET \/v1\/groups is not supported by the Cord at .*\nHint: Is CORD_API_URL right, with \/v1 at its end\?/,
    );
  });
});
