// The browser SDK is bundled from src/sdk with whatever it imports, including protocol
// files. One stray import of a server-side library (zod once came in through
// protocol/location.ts) multiplied the script's size by eight without any test noticing.
// This builds the bundle as local Cord serves it and names the packages inside.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const SDK_ENTRY = fileURLToPath(new URL('../src/sdk/index.ts', import.meta.url));

/**
 * What the SDK may bundle: lit for its elements, i18next and Cord's strings for `i18n`, and
 * dayjs for the date formats in Cord's strings ("MMM D", "[Viewed] dddd").
 */
const BROWSER_LIBRARIES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  'i18next',
  '@cord-sdk/types',
  'dayjs',
];

/** The npm packages esbuild put into the SDK script. */
async function bundledPackages(): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: [SDK_ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
  });
  const packages = Object.keys(metafile.inputs).flatMap((file) => {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)?.[1];
    return name ? [name] : [];
  });
  return new Set(packages);
}

describe('the browser SDK bundle', () => {
  it('holds only the browser libraries it is meant to ship', async () => {
    const packages = await bundledPackages();
    expect(packages).toContain('lit-html');
    expect(packages).toContain('i18next');
    expect([...packages].filter((name) => !BROWSER_LIBRARIES.includes(name))).toEqual([]);
  });
});
