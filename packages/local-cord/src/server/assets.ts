import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SDK_ENTRY = fileURLToPath(new URL('../sdk/index.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('../sdk/cord.css', import.meta.url));

export interface SdkAssets {
  script: string;
  stylesheet: string;
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
  const [script, stylesheet] = await Promise.all([
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
  ]);
  return {
    script: script.outputFiles[0]!.text,
    stylesheet: stylesheet.outputFiles[0]!.text,
  };
}
