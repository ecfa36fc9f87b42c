import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IN_MEMORY, type LocalCord, startLocalCord } from '@cord-tutorial/local-cord';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { expect, test } from '@playwright/test';
import { watchForProblems } from './fixtures.ts';
import { composer, message, presenceOf, send } from './pages.ts';

// Steps 1 to 6 of Cord's integration guide in vanilla JavaScript, with its snippets as it
// prints them (unclosed tags included), pasted into one page of the reader's app, before
// they have an account: `<CLIENT_AUTH_TOKEN>` is a sample token from a fresh local Cord,
// as Cord's docs filled it in from Cord's. Only the script's URL is local Cord's instead
// of app.cord.com.

const GUIDE_CSS = readFileSync(new URL('../apps/web/src/guide.css', import.meta.url), 'utf8');

let cord: LocalCord;
let app: Server;
let appUrl: string;
let token: string;

test.beforeAll(async () => {
  // The reader's app: one page, on loopback (Chromium lets only loopback pages reach local Cord).
  app = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(guidePage(cord.url, token));
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  // Local Cord as `pnpm dev` runs it, fresh, letting the reader's app open its WebSocket.
  cord = await startLocalCord({
    project: { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET },
    database: IN_MEMORY,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [appUrl],
  });
  const response = await fetch(`${cord.url}/sample-token`, { method: 'POST' });
  ({ client_auth_token: token } = (await response.json()) as { client_auth_token: string });
});
test.afterAll(async () => {
  await cord?.close();
  await new Promise((resolve) => app?.close(resolve));
});

function guidePage(localCordUrl: string, token: string): string {
  return `<!doctype html>
<html>
<head>
<!-- This goes in your <head> tag -->
<script src="${localCordUrl}/sdk/v1/sdk.latest.js"></script>
<style>${GUIDE_CSS}</style>
</head>
<body>
<h1>Hello World!</h1>
<p>Let's get Cord-y!</p>
<!-- Add this script tag to your application -->
<script>
// TODO: This is a sample token that will expire in 24h. To implement Cord
// fully, you need to create users and groups in Cord, generate tokens in your
// backend and send them to the client.
  window.CordSDK.init({
    client_auth_token: "${token}",
  });
</script>

<!-- Add this component into your HTML. The ideal place for
<cord-page-presence /> is at the top right of the page. -->

<cord-page-presence group-id="my-first-group">

<cord-thread thread-id="a-first-conversation" group-id="my-first-group">
</body>
</html>`;
}

test("steps 1-6 run as the guide prints them, signed in with local Cord's sample token", async ({ context }) => {
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(appUrl);

  // Step 2's check: the SDK holds the token.
  expect(
    await page.evaluate(() => (window as unknown as { CordSDK: { accessToken: string } }).CordSDK.accessToken),
  ).toBe(token);
  // Step 3: the Sample User in the page presence, with their picture.
  const me = presenceOf(page, 'Sample User (you)');
  await expect(me).toBeVisible();
  await expect(me.locator('img.cord-avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml,/);
  // Step 4: its CSS took.
  await expect(me).toHaveCSS('width', '36px');
  await expect(me).toHaveCSS('border-radius', '50%');
  await expect(page.locator('cord-page-presence')).toHaveCSS('border-radius', '12px');

  // Step 5: a thread, created in my-first-group by its first message ...
  await expect(composer(page)).toHaveAttribute('placeholder', 'Add a comment...');
  await composer(page).fill('This is a test message.');
  // ... and step 6: an orange send button.
  await expect(page.locator('cord-thread .cord-send-button')).toHaveCSS('background-color', 'rgb(238, 102, 17)');
  await composer(page).press('Enter');
  await expect(message(page, 'This is a test message.').locator('.cord-author-name')).toHaveText('Sample User');

  // Step 5's "try multiple browser tabs": the same user's second tab is live too.
  const secondTab = await context.newPage();
  await secondTab.goto(appUrl);
  await expect(message(secondTab, 'This is a test message.')).toBeVisible();
  await send(secondTab, 'And this one from the second tab.');
  await expect(message(page, 'And this one from the second tab.')).toBeVisible();
  problems.assertClean();
});
