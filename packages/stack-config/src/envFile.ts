import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's `.env`, shared by every process of the stack. */
export const ROOT_ENV_FILE = fileURLToPath(new URL('../../../.env', import.meta.url));

/**
 * Loads the root `.env` into `process.env` if it exists. Variables already set in
 * the environment win, so `CORD_SECRET=... pnpm dev` overrides the file.
 */
export function loadRootEnvFile(): void {
  if (existsSync(ROOT_ENV_FILE)) process.loadEnvFile(ROOT_ENV_FILE);
}
