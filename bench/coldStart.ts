import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cord-tutorial/local-cord/testing';
import { sleep } from './support.ts';

// From a fresh clone to `pnpm dev` ready: `git clone` of this repository's committed
// state into a temp dir, `pnpm install` there (offline: from the already warm pnpm
// store, so nothing but loopback is used), then `pnpm dev` on other ports with an
// in-memory local Cord, until the page, the token route and /health all answer.
const REPO = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

function run(command: string, args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1_000)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${errors}`)),
    );
  });
}

async function answers(url: string) {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.ok,
    () => false,
  );
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

const dir = mkdtempSync(join(tmpdir(), 'cord-cold-start-'));
const clone = join(dir, 'repo');
let dev: ChildProcess | undefined;
try {
  const cloneSeconds = await run('git', ['clone', '--quiet', REPO, clone], dir);
  const installSeconds = await run('pnpm', ['install', '--frozen-lockfile', '--offline'], clone);

  const ports = { web: await freePort(), server: await freePort(), cord: await freePort() };
  const urls = [
    `http://127.0.0.1:${ports.web}/`,
    `http://127.0.0.1:${ports.server}/generate-cord-token`,
    `http://127.0.0.1:${ports.cord}/health`,
  ];
  const devStarted = performance.now();
  dev = spawn('pnpm', ['dev'], {
    cwd: clone,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      WEB_PORT: String(ports.web),
      PORT: String(ports.server),
      LOCAL_CORD_PORT: String(ports.cord),
      LOCAL_CORD_DB: ':memory:',
      CORD_PROJECT_ID: '',
      CORD_SECRET: '',
    },
  });
  const pending = new Set(urls);
  while (pending.size > 0) {
    if (dev.exitCode !== null) throw new Error('pnpm dev exited early');
    if (performance.now() - devStarted > READY_TIMEOUT_MS)
      throw new Error(`not ready within ${READY_TIMEOUT_MS} ms: ${[...pending].join(', ')}`);
    for (const url of [...pending]) if (await answers(url)) pending.delete(url);
    if (pending.size > 0) await sleep(100);
  }
  const devSeconds = (performance.now() - devStarted) / 1_000;

  console.log('Cold start, fresh clone to `pnpm dev` ready (pnpm store warm, install --offline):');
  console.log(
    `  git clone ${cloneSeconds.toFixed(1)} s, pnpm install ${installSeconds.toFixed(1)} s, pnpm dev until page + token route + /health answer ${devSeconds.toFixed(1)} s`,
  );
  console.log(`  total ${(cloneSeconds + installSeconds + devSeconds).toFixed(1)} s`);
} finally {
  if (dev) await stopGroup(dev);
  rmSync(dir, { recursive: true, force: true });
}
