import { bmpBytes } from '@cord-tutorial/local-cord/testing';
import { chromium } from '@playwright/test';
import { Stack, WEB_URL } from '../e2e/stack.ts';
import playwrightConfig from '../playwright.config.ts';
import { percentile } from './support.ts';

// Issue 13: a 10 MB picture dropped on one user's composer and sent, until its preview is
// drawn on another user's page. Production build of the client, the real stack on
// loopback, headless Chromium, two browser contexts; both clocks are this machine's.
const RUNS = Number(process.env.RUNS ?? 10);
const PICTURE_BYTES = 10_000_000;
/** Where the sender's page finds the picture's bytes (served by the test, before timing starts). */
const PICTURE_URL = `${WEB_URL}/__bench-picture.bmp`;

const stack = new Stack();
await stack.start({ production: true });
try {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const open = async (userIndex: number) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${WEB_URL}/?userIndex=${userIndex}`);
    await page.locator('cord-thread .cord-composer-input:enabled').waitFor();
    return page;
  };
  const sender = await open(0);
  const viewer = await open(1);
  const picture = Buffer.from(bmpBytes(PICTURE_BYTES));
  await sender.route(PICTURE_URL, (route) => route.fulfill({ body: picture, contentType: 'image/bmp' }));
  await sender.evaluate(async (url) => {
    (window as unknown as { picture: Blob }).picture = await (await fetch(url)).blob();
  }, PICTURE_URL);

  const totals: number[] = [];
  const uploads: number[] = [];
  const downloads: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const name = `picture-${run}.bmp`;
    const shown = viewer
      .waitForFunction(
        (alt) => {
          const image = document.querySelector<HTMLImageElement>(
            `cord-thread .cord-image-attachment img[alt="${alt}"]`,
          );
          return image?.complete && image.naturalWidth > 0 ? performance.timeOrigin + performance.now() : false;
        },
        name,
        { polling: 'raf', timeout: 60_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<number>);
    // As a person does it: drop the file on the composer, type, press Enter.
    const droppedAt = await sender.evaluate((fileName) => {
      const transfer = new DataTransfer();
      const blob = (window as unknown as { picture: Blob }).picture;
      transfer.items.add(new File([blob], fileName, { type: 'image/bmp' }));
      const start = performance.timeOrigin + performance.now();
      const composer = document.querySelector('cord-thread .cord-composer')!;
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      const input = composer.querySelector('textarea')!;
      input.value = fileName;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      return start;
    }, name);
    const shownAt = await shown;
    const timing = (page: typeof sender, method: string) =>
      page.evaluate(
        ({ method }) =>
          performance
            .getEntriesByType('resource')
            .filter(
              (entry) =>
                entry.name.includes('/files/') && (entry as PerformanceResourceTiming).initiatorType === method,
            )
            .map((entry) => entry.duration)
            .at(-1) ?? Number.NaN,
        { method },
      );
    // The first run warms the servers and the browser; not counted.
    if (run > 0) {
      totals.push(shownAt - droppedAt);
      uploads.push(await timing(sender, 'fetch'));
      downloads.push(await timing(viewer, 'img'));
    }
  }
  await browser.close();
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    ).toFixed(0);
  totals.sort((a, b) => a - b);
  console.log(
    `Attachment: ${PICTURE_BYTES / 1e6} MB picture dropped on one page -> drawn on another user's page (${RUNS} runs): ` +
      `median ${median(totals)} ms, p90 ${percentile(totals, 0.9).toFixed(0)} ms, max ${totals.at(-1)!.toFixed(0)} ms; ` +
      `of which the upload (PUT) median ${median(uploads)} ms, the preview's download median ${median(downloads)} ms`,
  );
} finally {
  await stack.stopAll();
}
