import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cord-tutorial/local-cord/testing';
import { type Browser, chromium, expect, type Page } from '@playwright/test';
import { Stack } from '../e2e/stack.ts';
import playwrightConfig from '../playwright.config.ts';

// `pnpm screenshot`: docs/two-users.png, the README's picture of the tutorial page with two
// users talking, taken from the real stack so it shows what the code does today. It starts
// its own stack on free ports with a throwaway database, beside any `pnpm dev`.

const OUTPUT = fileURLToPath(new URL('../docs/two-users.png', import.meta.url));
const VIEWPORT = { width: 560, height: 470 };

const CONVERSATION = [
  { userIndex: 0, name: 'Severus Atreides', text: 'Hi Minerva! The token server signed us both in.' },
  { userIndex: 1, name: 'Minerva Halleck', text: "Hello Severus, I see you up there: we're both on this page." },
];

async function openAs(browser: Browser, stack: Stack, userIndex: number): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })).newPage();
  await page.goto(`${stack.webUrl}/?userIndex=${userIndex}`);
  await expect(page.locator('cord-thread .cord-composer-input')).toBeEnabled({ timeout: 15_000 });
  return page;
}

/** The two pages side by side, each under the name of who is looking. */
function sideBySide(shots: Array<{ caption: string; png: Buffer }>): string {
  const figures = shots.map(
    ({ caption, png }) =>
      `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${png.toString('base64')}"></figure>`,
  );
  return `<style>
    body { margin: 0; }
    main { display: inline-flex; gap: 16px; padding: 16px; background: #e8eaed; font: 14px system-ui, sans-serif; }
    figure { margin: 0; } figcaption { margin-bottom: 6px; color: #3c4043; }
    img { display: block; border: 1px solid #c4c7c5; border-radius: 6px; }
  </style><main>${figures.join('')}</main>`;
}

async function main() {
  const ports = { web: await freePort(), tokenServer: await freePort(), localCord: await freePort() };
  const stack = new Stack({ ports });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await stack.start();
    const pages = [];
    for (const { userIndex } of CONVERSATION) pages.push(await openAs(browser, stack, userIndex));

    for (const [index, { text }] of CONVERSATION.entries()) {
      const composer = pages[index]!.locator('cord-thread .cord-composer-input');
      await composer.fill(text);
      await composer.press('Enter');
    }
    for (const page of pages) {
      for (const { name, text } of CONVERSATION) {
        await expect(page.locator('cord-thread .cord-message', { hasText: text })).toBeVisible();
        await expect(page.locator('cord-page-presence').getByRole('img', { name: new RegExp(`^${name}`) })).toHaveClass(
          /cord-present/,
        );
      }
      await page.locator('cord-thread .cord-composer-input').blur();
      await expect(page.locator('cord-thread .cord-typing-indicator-container')).toBeHidden({ timeout: 10_000 });
    }

    const shots = [];
    for (const [index, page] of pages.entries()) {
      const { name, userIndex } = CONVERSATION[index]!;
      shots.push({ caption: `${name} (?userIndex=${userIndex})`, png: await page.screenshot() });
    }
    const composite = await (await browser.newContext({ deviceScaleFactor: 1 })).newPage();
    await composite.setContent(sideBySide(shots));
    mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
    writeFileSync(OUTPUT, await composite.locator('main').screenshot());
    console.log(`Wrote ${OUTPUT}`);
  } finally {
    await browser.close();
    await stack.stopAll();
  }
}

await main();
