import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SDK_ENTRY = fileURLToPath(new URL('../sdk/index.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('../sdk/cord.css', import.meta.url));
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

async function bundle(): Promise<SdkAssets> {
  const [script, stylesheet, emojiPicker, emojiData] = await Promise.all([
    build({
      entryPoints: [SDK_ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      legalComments: 'none',
    }),
    build({ entryPoints: [STYLESHEET], bundle: true, minify: true, write: false }),
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
  return {
    script: script.outputFiles[0]!.text,
    stylesheet: stylesheet.outputFiles[0]!.text,
    emojiPicker: emojiPicker.outputFiles[0]!.text,
    emojiData,
  };
}
