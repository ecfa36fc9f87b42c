import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { LOCAL_CORD_URL, Stack, WEB_URL } from '../e2e/stack.ts';
import playwrightConfig from '../playwright.config.ts';

// Issue goals: the SDK script at most 60 kB gzipped (issue 12, with i18n; 30 kB before);
// navigation to composer and avatar visible at most 300 ms on loopback, with the
// production build of the client.
const RUNS = Number(process.env.RUNS ?? 20);

const stack = new Stack();
await stack.start({ production: true });
try {
  const script = await (await fetch(`${LOCAL_CORD_URL}/sdk/v1/sdk.latest.js`)).text();
  console.log(
    `SDK script: ${(script.length / 1024).toFixed(1)} kB minified, ${(gzipSync(script, { level: 9 }).length / 1024).toFixed(1)} kB gzipped`,
  );

  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const timings: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${WEB_URL}/?userIndex=${run % 3}`, { waitUntil: 'commit' });
    const ready = await page.waitForFunction(
      () => {
        const composer = document.querySelector('cord-thread .cord-composer-input');
        const avatar = document.querySelector('cord-page-presence .cord-avatar-container');
        return composer?.getAttribute('aria-disabled') === 'false' && avatar ? performance.now() : false;
      },
      undefined,
      { polling: 'raf' },
    );
    // The first run warms Vite's preview server and the browser's caches; not counted.
    if (run > 0) timings.push((await ready.jsonValue()) as number);
    await context.close();
  }
  await browser.close();
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(0);
  console.log(
    `Navigation to composer and avatar visible (${RUNS} cold contexts): median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`,
  );
} finally {
  await stack.stopAll();
}
