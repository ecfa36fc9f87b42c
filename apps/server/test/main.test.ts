import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

// apps/server/src/main.ts, run as `pnpm dev` runs it: node with tsx's loader (a root devDependency).
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const VALID_ID = '2b0f7c6a-1d3e-4f58-9a7b-6c5d4e3f2a1b';
const TIMEOUT_MS = 20_000;

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

const running: ChildProcess[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
});

/**
 * Runs main.ts with only the given variables (plus PATH). main.ts loads the repo's
 * `.env` when there is one, but never over a variable that is already set, even to '':
 * so CORD_PROJECT_ID and CORD_SECRET are always passed ('' reads as unset) to keep a
 * developer's `.env` out of the test. PORT=0, so a successful start cannot collide.
 */
function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', CORD_PROJECT_ID: '', CORD_SECRET: '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exit: once(child, 'exit').then(([code]) => code as number | null),
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  return run;
}

/** Resolves with the stdout so far once it matches `pattern`; rejects if the process exits first. */
function waitForOutput(run: Run, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = run.stdout.match(pattern);
      if (match) {
        run.child.stdout!.off('data', check);
        resolve(match);
      }
    };
    run.child.stdout!.on('data', check);
    void run.exit.then((code) =>
      reject(new Error(`exited with ${code} before ${pattern}:\n${run.stdout}\n${run.stderr}`)),
    );
    check();
  });
}

describe('apps/server/src/main.ts refuses to start on a half-configured project', () => {
  it.each([
    ['only CORD_PROJECT_ID set', { CORD_PROJECT_ID: VALID_ID }, /Token server not started: CORD_SECRET is not set/],
    ['only CORD_SECRET set', { CORD_SECRET: 'a-secret' }, /Token server not started: CORD_PROJECT_ID is not set/],
    [
      'a CORD_PROJECT_ID that is not a UUID',
      { CORD_PROJECT_ID: 'my-project', CORD_SECRET: 'a-secret' },
      /Token server not started: .*CORD_PROJECT_ID must be a UUID/,
    ],
  ])(
    '%s: exits non-zero naming the variable to fix',
    async (_case, env, reason) => {
      const run = runMain(env);
      expect(await run.exit).not.toBe(0);
      expect(run.stderr).toMatch(reason);
      expect(run.stdout).not.toMatch(/listening/);
    },
    TIMEOUT_MS,
  );
});

describe('apps/server/src/main.ts starts', () => {
  it(
    'against local Cord with no variables set, and serves tokens for the local project',
    async () => {
      const run = runMain({});
      const [, port] = await waitForOutput(run, /listening on port (\d+)/);
      expect(run.stdout).toContain(`local Cord, project ${LOCAL_CORD_PROJECT_ID}`);
      expect(Number(port)).toBeGreaterThan(0);

      const response = await fetch(`http://127.0.0.1:${port}/generate-cord-token?userIndex=2`);
      expect(response.status).toBe(200);
      const { clientAuthToken } = (await response.json()) as { clientAuthToken: string };
      const claims = jwt.verify(clientAuthToken, LOCAL_CORD_PROJECT_SECRET, {
        algorithms: ['HS512'],
      }) as JwtPayload;
      expect(claims.project_id).toBe(LOCAL_CORD_PROJECT_ID);
      expect(claims.user_id).toBe('hermioneorgana');
    },
    TIMEOUT_MS,
  );

  it(
    'with a complete real project',
    async () => {
      const run = runMain({ CORD_PROJECT_ID: VALID_ID, CORD_SECRET: 'a-secret' });
      await waitForOutput(run, /listening on port \d+/);
      expect(run.stdout).toContain(`hosted Cord, project ${VALID_ID}`);
    },
    TIMEOUT_MS,
  );

  it(
    'does not claim to listen on a port that is taken, and exits non-zero',
    async () => {
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, resolve));
      try {
        const { port } = blocker.address() as AddressInfo;
        const run = runMain({ PORT: String(port) });
        expect(await run.exit).not.toBe(0);
        expect(run.stderr).toContain(`Port ${port} is already in use`);
        expect(run.stdout).not.toMatch(/listening/);
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    },
    TIMEOUT_MS,
  );
});

/** An address of this machine that is not loopback, if it has one. */
const OUTSIDE_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')?.address;

describe.skipIf(OUTSIDE_ADDRESS === undefined)('apps/server/src/main.ts listens', () => {
  it(
    "on loopback only by default: the machine's other addresses are refused",
    async () => {
      const run = runMain({});
      const [, port] = await waitForOutput(run, /listening on port (\d+)/);
      expect(run.stdout).toContain('of 127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/generate-cord-token`)).status).toBe(200);
      await expect(fetch(`http://${OUTSIDE_ADDRESS}:${port}/generate-cord-token`)).rejects.toThrow();
    },
    TIMEOUT_MS,
  );

  it(
    'on every interface with TOKEN_SERVER_HOST=0.0.0.0, answering the names TOKEN_SERVER_ALLOWED_HOSTS allows',
    async () => {
      const opened = runMain({ TOKEN_SERVER_HOST: '0.0.0.0' });
      const [, port] = await waitForOutput(opened, /listening on port (\d+)/);
      const refused = await fetch(`http://${OUTSIDE_ADDRESS}:${port}/generate-cord-token`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('TOKEN_SERVER_ALLOWED_HOSTS');

      const allowed = runMain({ TOKEN_SERVER_HOST: '0.0.0.0', TOKEN_SERVER_ALLOWED_HOSTS: OUTSIDE_ADDRESS! });
      const [, allowedPort] = await waitForOutput(allowed, /listening on port (\d+)/);
      expect((await fetch(`http://${OUTSIDE_ADDRESS}:${allowedPort}/generate-cord-token`)).status).toBe(200);
    },
    TIMEOUT_MS,
  );
});
