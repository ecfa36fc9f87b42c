import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cord-tutorial/local-cord/testing';
import { type Browser, chromium, expect, type Locator, type Page } from '@playwright/test';
import { DEMO_THREAD_ID } from '../apps/web/src/components/samples/demo.ts';
import { cord } from '../e2e/componentsPage.ts';
import { Stack } from '../e2e/stack.ts';
import playwrightConfig from '../playwright.config.ts';

// `pnpm screenshot`: the README's pictures, taken from the real stack so they show what the
// code does today. It starts its own stack on free ports with a throwaway database, beside
// any `pnpm dev`, and takes each picture in turn on it.

interface Viewport {
  width: number;
  height: number;
}

/** One README picture: where it goes, and how to take it from a running stack. */
interface Picture {
  file: string;
  take(browser: Browser, stack: Stack): Promise<Buffer>;
}

interface Line {
  userIndex: number;
  name: string;
  text: string;
}

/** A page of the web app as one of the tutorial's test users, once its composer can be used. */
async function openAs(browser: Browser, url: string, viewport: Viewport, composer: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
  await page.goto(url);
  await expect(page.locator(composer)).toBeEnabled({ timeout: 15_000 });
  return page;
}

/** Each line written by its user in their own page, Enter after each, then seen by everyone. */
async function converse(pages: Page[], conversation: Line[], composer: string, thread: string) {
  for (const [index, { text }] of conversation.entries()) {
    const input = pages[index]!.locator(composer);
    await input.fill(text);
    await input.press('Enter');
  }
  for (const page of pages) {
    for (const { text } of conversation) await expect(page.locator(thread, { hasText: text })).toBeVisible();
    // Leaving the composer ends the typing indicator, which is not part of the picture.
    await page.locator(composer).blur();
    await expect(page.locator('.cord-typing-indicator-container')).toBeHidden({ timeout: 10_000 });
  }
}

/** Everyone on the page shows as present in `facepile`. */
async function expectAllPresent(facepile: Locator, conversation: Line[]) {
  for (const { name } of conversation) {
    await expect(facepile.getByRole('img', { name: new RegExp(`^${name}`) }).first()).toHaveClass(/cord-present/);
  }
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

const TUTORIAL_CONVERSATION: Line[] = [
  { userIndex: 0, name: 'Severus Atreides', text: 'Hi Minerva! The token server signed us both in.' },
  { userIndex: 1, name: 'Minerva Halleck', text: "Hello Severus, I see you up there: we're both on this page." },
];

/** docs/two-users.png: the tutorial page as two users, side by side, after they spoke. */
const twoUsers: Picture = {
  file: 'two-users.png',
  async take(browser, stack) {
    const composer = 'cord-thread .cord-composer-input';
    const pages = [];
    for (const { userIndex } of TUTORIAL_CONVERSATION) {
      pages.push(
        await openAs(browser, `${stack.webUrl}/?userIndex=${userIndex}`, { width: 560, height: 470 }, composer),
      );
    }
    await converse(pages, TUTORIAL_CONVERSATION, composer, 'cord-thread .cord-message');
    for (const page of pages) await expectAllPresent(page.locator('cord-page-presence'), TUTORIAL_CONVERSATION);

    const shots = [];
    for (const [index, page] of pages.entries()) {
      const { name, userIndex } = TUTORIAL_CONVERSATION[index]!;
      shots.push({ caption: `${name} (?userIndex=${userIndex})`, png: await page.screenshot() });
    }
    const composite = await (await browser.newContext({ deviceScaleFactor: 1 })).newPage();
    await composite.setContent(sideBySide(shots));
    return composite.locator('main').screenshot();
  },
};

const COMPONENTS_CONVERSATION: Line[] = [
  { userIndex: 0, name: 'Severus Atreides', text: 'Every section on this page is a component from @cord-sdk/react.' },
  { userIndex: 1, name: 'Minerva Halleck', text: 'And live: I see your messages and your avatar as you type.' },
];

/** Wide enough for the page's column, tall enough for its sections down to the Thread's. */
const COMPONENTS_VIEWPORT = { width: 960, height: 1600 };

/**
 * docs/components.png: the top of the components page as the first user, with the second
 * one present and a short conversation (and a reaction) in the demo thread, so the people
 * and message sections show live data.
 */
const components: Picture = {
  file: 'components.png',
  async take(browser, stack) {
    const composer = 'section#thread cord-thread .cord-editor';
    const pages = [];
    for (const { userIndex } of COMPONENTS_CONVERSATION) {
      const url = `${stack.webUrl}/components.html?userIndex=${userIndex}`;
      pages.push(await openAs(browser, url, COMPONENTS_VIEWPORT, composer));
    }
    await converse(pages, COMPONENTS_CONVERSATION, composer, 'section#thread .cord-message');
    const [viewer, other] = pages as [Page, Page];
    // The other user reacts to the first message, as an app would through Cord's API (a heart
    // that plain fonts draw: Chromium here may have no emoji font).
    await cord(
      other,
      `async (sdk) => {
        const { firstMessage } = await new Promise((found) =>
          sdk.thread.observeThread('${DEMO_THREAD_ID}', ({ thread }) => thread?.firstMessage && found(thread)));
        await sdk.thread.updateMessage('${DEMO_THREAD_ID}', firstMessage.id, { addReactions: ['❤'] });
      }`,
    );
    await expect(viewer.locator('section#reactions .cord-pill')).toContainText('1');
    await expectAllPresent(viewer.locator('section#presence-facepile cord-presence-facepile'), COMPONENTS_CONVERSATION);
    // From the top of the page to the end of the Thread section: the people and the conversation.
    await viewer.evaluate('window.scrollTo(0, 0)');
    const thread = await viewer.locator('section#thread').boundingBox();
    if (!thread) throw new Error('The Thread section is not shown.');
    const bottom = thread.y + thread.height;
    const clip = { x: 0, y: 0, width: COMPONENTS_VIEWPORT.width, height: Math.ceil(bottom + 16) };
    return viewer.screenshot({ fullPage: true, clip });
  },
};

const PICTURES = [twoUsers, components];

async function main() {
  const ports = { web: await freePort(), tokenServer: await freePort(), localCord: await freePort() };
  const stack = new Stack({ ports });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await stack.start();
    mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
    for (const picture of PICTURES) {
      const output = fileURLToPath(new URL(`../docs/${picture.file}`, import.meta.url));
      writeFileSync(output, await picture.take(browser, stack));
      console.log(`Wrote ${output}`);
    }
  } finally {
    await browser.close();
    await stack.stopAll();
  }
}

await main();
