// @vitest-environment node
// The project secret signs tokens on the token server and must never reach the browser:
// build the client for real (`vite build`, into a temp dir) and search every output file.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { afterAll, describe, expect, it } from 'vitest';

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** `pnpm --filter @cord-tutorial/web build` with only the given variables; returns the output directory. */
function buildClient(env: Record<string, string>): Promise<string> {
  const outDir = join(mkdtempSync(join(tmpdir(), 'web-bundle-')), 'dist');
  outDirs.push(outDir);
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@cord-tutorial/web', 'build', '--outDir', outDir, '--emptyOutDir'], {
      // A clean environment: no CORD_* from the caller's shell can change the mode.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CORD_PROJECT_ID: '', CORD_SECRET: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(outDir) : reject(new Error(`build failed (${code}):\n${output}`)),
    );
  });
}

/** Every file the build wrote, with its contents as text. */
function outputFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => ({ path, text: readFileSync(path).toString('latin1') }));
}

function filesContaining(files: Array<{ path: string; text: string }>, needle: string): string[] {
  const forms = [needle, Buffer.from(needle).toString('base64'), encodeURIComponent(needle)];
  return files.filter(({ text }) => forms.some((form) => text.includes(form))).map(({ path }) => path);
}

describe('the built client bundle', () => {
  it('holds no trace of a real project secret', { timeout: 120_000 }, async () => {
    const secret = `bundle-test-secret-${randomBytes(24).toString('hex')}`;
    // A public value that must reach the bundle: proof the search looks at the real output.
    const tokenServerUrl = `http://tokens-${randomBytes(6).toString('hex')}.localhost:3337`;

    const outDir = await buildClient({
      CORD_PROJECT_ID: randomUUID(),
      CORD_SECRET: secret,
      TOKEN_SERVER_URL: tokenServerUrl,
    });
    const files = outputFiles(outDir);

    expect(files.length).toBeGreaterThan(2);
    expect(files.some(({ path }) => path.endsWith('index.html'))).toBe(true);
    expect(filesContaining(files, tokenServerUrl).length).toBeGreaterThan(0);
    expect(filesContaining(files, secret)).toEqual([]);
  });

  it('holds no trace of local Cord development secret either', { timeout: 120_000 }, async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));

    const outDir = await buildClient({ LOCAL_CORD_PORT: port });
    const files = outputFiles(outDir);

    // Local mode: the pages load local Cord's script from the chosen port (the vanilla one
    // by its <script> tag, the React ones through CordProvider) ...
    expect(filesContaining(files, `http://127.0.0.1:${port}/sdk/v1/sdk.latest.js`)).toContainEqual(
      expect.stringMatching(/vanilla\.html$/),
    );
    expect(filesContaining(files, `http://127.0.0.1:${port}/sdk/v1/sdk.latest.js`).length).toBeGreaterThan(1);
    // ... every React page's HTML links the stylesheet itself (as link#cord-react), and nothing
    // else does: the script links it by itself in the vanilla page ...
    const pages = files.filter(({ path }) => path.endsWith('.html')).map(({ path }) => path);
    expect(pages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/index\.html$/),
        expect.stringMatching(/threads\.html$/),
        expect.stringMatching(/components\.html$/),
        expect.stringMatching(/vanilla\.html$/),
      ]),
    );
    const reactPages = pages.filter((path) => !path.endsWith('vanilla.html'));
    expect(filesContaining(files, `http://127.0.0.1:${port}/sdk/css/cord.css`).sort()).toEqual(reactPages.sort());
    // ... but never gets the secret that signs its tokens.
    expect(filesContaining(files, LOCAL_CORD_PROJECT_SECRET)).toEqual([]);
  });
});
