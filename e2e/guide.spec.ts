import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cord-tutorial/local-cord/testing';
import { expect, test } from '@playwright/test';
import { watchForProblems } from './fixtures.ts';
import { composer, message, openAs, presenceOf } from './pages.ts';
import { Stack } from './stack.ts';

// Cord's integration guide from step 7 to step 11, as a newcomer follows it here: a fresh
// stack in the guide's variant, `pnpm cord` for Cord's CLI with the guide's commands as it
// prints them, then two (and three) people on the page, talking.

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Step 8's commands, then step 11's, exactly as the guide prints them. */
const STEP_8 = [
  "cord user create cordymccordface --name 'Cordy McCordface' --email 'your@email.here'",
  "cord group create my-first-group --name 'my first cord group'",
  'cord group add-member my-first-group --user cordymccordface',
];
const STEP_11 = [
  "cord user create yaketyyak --name 'Yakety Yak'",
  "cord user create jibberjabber --name 'Jibber Jabber'",
  'cord group add-member my-first-group --user yaketyyak',
  'cord group add-member my-first-group --user jibberjabber',
];

let stack: Stack;
let home: string;

test.beforeAll(async () => {
  // Ports of its own: the suite's stack (the tutorial's variant) may be running beside it.
  const ports = { web: await freePort(), tokenServer: await freePort(), localCord: await freePort() };
  stack = new Stack({ ports, env: { CORD_GUIDE_VARIANT: 'guide' } });
  await stack.start();
  // The newcomer's home, where `cord init` writes ~/.cord as Cord's CLI did.
  home = mkdtempSync(join(tmpdir(), 'guide-e2e-home-'));
});
test.afterAll(async () => {
  await stack?.stopAll();
  rmSync(home, { recursive: true, force: true });
});

/** `cord …` as the guide writes it, run in a shell as `pnpm --silent cord …` from the repository. */
function cord(command: string, input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', `pnpm --silent ${command}`], {
    cwd: REPO_ROOT,
    // The newcomer's shell: no CORD_* settings; the stack's local Cord port as .env would set it.
    env: { PATH: process.env.PATH ?? '', HOME: home, LOCAL_CORD_PORT: String(stack.ports.localCord) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

test('steps 7 to 11: cord init, the CLI commands, then the guide users see each other and chat', async ({
  browser,
}) => {
  // Before step 8 the users do not exist: the page says what to do.
  const early = await (await browser.newContext()).newPage();
  await early.goto(`${stack.webUrl}/?userIndex=0`);
  await expect(early.getByRole('alert')).toContainText('User cordymccordface not found');
  await expect(early.getByRole('alert')).toContainText('commands of steps 8 and 11');
  await early.context().close();

  // Step 7: `cord init` finds local Cord's project without an account; Enter takes it.
  const init = await cord('cord init', '\n');
  expect(init).toMatchObject({ code: 0, stderr: '' });
  expect(init.stdout).toContain(`Local Cord is running at ${stack.localCordUrl}`);
  expect(readFileSync(join(home, '.cord'), 'utf8')).toContain(`CORD_API_URL=${stack.localCordUrl}/v1`);

  // Steps 8 and 11, as printed; each prints local Cord's JSON answer, as Cord's CLI did.
  const answers = [];
  for (const command of [...STEP_8, ...STEP_11]) {
    const run = await cord(command);
    expect(run, command).toMatchObject({ code: 0, stderr: '' });
    answers.push(JSON.parse(run.stdout));
  }
  expect(answers).toEqual([
    { success: true, message: '✅ You successfully created user cordymccordface' },
    { success: true, message: '✅ You successfully created group my-first-group' },
    { success: true, message: '✅ You successfully updated group members' },
    { success: true, message: '✅ You successfully created user yaketyyak' },
    { success: true, message: '✅ You successfully created user jibberjabber' },
    { success: true, message: '✅ You successfully updated group members' },
    { success: true, message: '✅ You successfully updated group members' },
  ]);

  // Step 11's token server: only user_id (and the project), for the users the CLI made.
  const { clientAuthToken } = (await (
    await fetch(`http://127.0.0.1:${stack.ports.tokenServer}/generate-cord-token?userIndex=1`)
  ).json()) as { clientAuthToken: string };
  const claims = JSON.parse(Buffer.from(clientAuthToken.split('.')[1]!, 'base64url').toString()) as object;
  expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'project_id', 'user_id']);
  expect(claims).toMatchObject({ user_id: 'yaketyyak' });

  // Two people: Cordy and Yakety, on the page with groupId="my-first-group" on both components.
  const cordy = await openAs(browser, 0, stack.webUrl);
  const yakety = await openAs(browser, 1, stack.webUrl);
  const problems = [watchForProblems(cordy), watchForProblems(yakety)];
  await expect(cordy.locator('cord-page-presence')).toHaveAttribute('group-id', 'my-first-group');
  await expect(cordy.locator('cord-thread')).toHaveAttribute('group-id', 'my-first-group');
  await expect(cordy.getByRole('navigation')).toContainText('Signed in as Cordy McCordface');
  for (const page of [cordy, yakety]) {
    await expect(presenceOf(page, /^Cordy McCordface/)).toHaveClass(/cord-present/);
    await expect(presenceOf(page, /^Yakety Yak/)).toHaveClass(/cord-present/);
  }
  await expect(presenceOf(yakety, 'Yakety Yak (you)')).toBeVisible();

  // The conversation of the guide's last screenshot.
  const hello = 'Hey friends! What a great day to have a conversation';
  await composer(cordy).fill(hello);
  await composer(cordy).press('Enter');
  await expect(message(yakety, hello).locator('.cord-author-name')).toHaveText('Cordy McCordface');
  await composer(yakety).fill('👋 oh hey there!');
  await expect(cordy.locator('cord-thread .cord-typing-indicators')).toHaveText('Yakety Yak is typing…');
  await composer(yakety).press('Enter');
  await expect(message(cordy, '👋 oh hey there!').locator('.cord-author-name')).toHaveText('Yakety Yak');

  // Jibber Jabber arrives later: the history, and Cordy and Yakety in the page presence.
  const jibber = await openAs(browser, 2, stack.webUrl);
  await expect(message(jibber, hello)).toBeVisible();
  await expect(message(jibber, '👋 oh hey there!')).toBeVisible();
  await expect(presenceOf(jibber, 'Jibber Jabber (you)')).toBeVisible();
  await expect(presenceOf(jibber, /^Cordy McCordface/)).toBeVisible();
  await expect(presenceOf(jibber, /^Yakety Yak/)).toBeVisible();
  await expect(presenceOf(cordy, /^Jibber Jabber/)).toHaveClass(/cord-present/);
  for (const watcher of problems) watcher.assertClean();
  for (const page of [cordy, yakety, jibber]) await page.context().close();
});
