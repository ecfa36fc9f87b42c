// The real `cord` bin as a child process, as a script or a shell runs it: exit codes,
// what goes to stdout and stderr, answers piped into `cord init`, and ~/.cord.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IN_MEMORY, type LocalCord, startLocalCord } from '@cord-tutorial/local-cord';
import { freePort, PROJECT, startThrowawayLocalCord, stopServer } from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';

const BIN = fileURLToPath(new URL('../bin/cord.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let cord: LocalCord;
let home: string;

beforeAll(async () => {
  // Local Cord as `pnpm dev` runs it: the published development project.
  const project = { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET };
  cord = await startLocalCord({ project, database: IN_MEMORY, host: '127.0.0.1', port: 0 });
  // A home of its own, so ~/.cord is the test's.
  home = mkdtempSync(join(tmpdir(), 'cord-cli-home-'));
});
afterAll(async () => {
  await stopServer(cord);
  rmSync(home, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with only the variables given (plus PATH and the test's HOME). */
function exec(command: string, args: string[], env: Record<string, string> = {}, input = ''): Promise<Exit> {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, LOCAL_CORD_PORT: String(cord.port), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const cordBin = (args: string[], env?: Record<string, string>, input?: string) =>
  exec(process.execPath, [BIN, ...args], env, input);

describe('the cord bin', () => {
  it('cord init reads its answer from stdin and writes ~/.cord, which later runs use', async () => {
    const init = await cordBin(['init'], {}, '\n');
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain('Use it? (Y/n)');
    const settings = join(home, '.cord');
    expect(readFileSync(settings, 'utf8')).toContain(`CORD_PROJECT_ID=${LOCAL_CORD_PROJECT_ID}\n`);

    const created = await cordBin(['user', 'create', 'cordymccordface', '--name', 'Cordy McCordface']);
    expect(created).toEqual({
      code: EXIT.ok,
      stdout: '{\n  "success": true,\n  "message": "✅ You successfully created user cordymccordface"\n}\n',
      stderr: '',
    });
  });

  it.each([
    ['an unknown user', ['user', 'get', 'nobody'], {}, EXIT.cordRefused, /user_not_found/],
    ['a mistyped flag', ['user', 'create', 'x', '--nmae', 'X'], {}, EXIT.usage, /Unknown argument: nmae/],
    [
      'a wrong secret',
      ['user', 'ls'],
      { CORD_PROJECT_ID: LOCAL_CORD_PROJECT_ID, CORD_PROJECT_SECRET: 'wrong' },
      EXIT.unauthorized,
      /401 Unauthorized \{"error":"invalid_project_token"/,
    ],
    [
      "Cord's permissions, not available to the project",
      ['permission', 'delete', 'r1'],
      {},
      EXIT.cordRefused,
      /418 I'm a Teapot .*Permissions aren't available yet/,
    ],
  ])(
    'exits non-zero for %s, with the reason on stderr and nothing on stdout',
    async (_what, args, env, code, reason) => {
      const result = await cordBin(args, { CORD_CONFIG_PATH: join(home, 'none'), ...env });
      expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
      expect(result.stderr).toMatch(reason);
    },
  );

  it('exits 3 and says how to start local Cord when it is not running', async () => {
    const result = await cordBin(['user', 'ls'], {
      CORD_CONFIG_PATH: join(home, 'none'),
      LOCAL_CORD_PORT: String(await freePort()),
    });
    expect(result.code).toBe(EXIT.unreachable);
    expect(result.stderr).toMatch(/Is local Cord running\? Start it with `pnpm dev`/);
  });

  it('talks to any Cord given its URL, project id and secret', async () => {
    // Another deployment, with a project of its own.
    const other = await startThrowawayLocalCord();
    try {
      const env = { CORD_API_URL: `${other.url}/v1`, CORD_PROJECT_ID: PROJECT.id, CORD_PROJECT_SECRET: PROJECT.secret };
      const created = await cordBin(['group', 'create', 'elsewhere', '--name', 'Elsewhere'], env);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(other.store.groups.exists('elsewhere')).toBe(true);
      expect(cord.store.groups.exists('elsewhere')).toBe(false);
    } finally {
      await stopServer(other);
    }
  });

  // Two pnpm processes, each starting node and tsx: seconds on a loaded two-core machine.
  it('runs from the repository root as `pnpm cord`, JSON on stdout and the exit code kept', {
    timeout: 30_000,
  }, async () => {
    const env = { CORD_CONFIG_PATH: join(home, 'none') };
    const listed = await exec('pnpm', ['--silent', 'cord', 'group', 'ls'], env);
    expect(listed).toMatchObject({ code: 0, stdout: '[]\n' });
    const refused = await exec('pnpm', ['--silent', 'cord', 'group', 'get', 'nope'], env);
    expect(refused.code).toBe(EXIT.cordRefused);
    expect(existsSync(join(home, 'none'))).toBe(false);
  });
});
