import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SDK_DIR = fileURLToPath(new URL('../sdk/', import.meta.url));
/** Where the SDK's packages are found, also for an SDK folder elsewhere (another version's, to compare). */
const PACKAGES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const resolve = createRequire(import.meta.url).resolve;

export interface SdkAssets {
  script: string;
  stylesheet: string;
  /** emoji-picker-element as a module the SDK imports on first use, kept out of the SDK script. */
  emojiPicker: string;
  /** Its emoji (English, Emojibase's), served here so the picker needs no network. */
  emojiData: string;
}

let assets: Promise<SdkAssets> | undefined;

/**
 * The browser SDK, bundled from source when first asked for and kept for the life of
 * the process: there is no build step to forget and no stale file to serve.
 */
export function sdkAssets(): Promise<SdkAssets> {
  assets ??= bundle();
  return assets;
}

/** The SDK script and stylesheet, bundled from `sdkDir`: this package's SDK, or another version's (a benchmark's comparison). */
export async function bundleSdk(sdkDir = SDK_DIR): Promise<Pick<SdkAssets, 'script' | 'stylesheet'>> {
  const [script, stylesheet] = await Promise.all([
    build({
      entryPoints: [join(sdkDir, 'index.ts')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      legalComments: 'none',
      nodePaths: [PACKAGES],
    }),
    build({ entryPoints: [join(sdkDir, 'cord.css')], bundle: true, minify: true, write: false }),
  ]);
  return { script: script.outputFiles[0]!.text, stylesheet: stylesheet.outputFiles[0]!.text };
}

async function bundle(): Promise<SdkAssets> {
  const [sdk, emojiPicker, emojiData] = await Promise.all([
    bundleSdk(),
    build({
      entryPoints: [resolve('emoji-picker-element')],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      legalComments: 'none',
    }),
    readFile(resolve('emoji-picker-element-data/en/emojibase/data.json'), 'utf8'),
  ]);
  return { ...sdk, emojiPicker: emojiPicker.outputFiles[0]!.text, emojiData };
}
