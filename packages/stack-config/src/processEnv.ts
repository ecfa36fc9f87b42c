import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readStackConfig, type StackConfig, StackConfigError } from './stackConfig.ts';

/** The repository's `.env`, shared by every process of the stack. */
export const ROOT_ENV_FILE = fileURLToPath(new URL('../../../.env', import.meta.url));

/**
 * Loads the root `.env` into `process.env` if it exists. Variables already set in
 * the environment win, so `CORD_SECRET=... pnpm dev` overrides the file.
 */
export function loadRootEnvFile(): void {
  if (existsSync(ROOT_ENV_FILE)) process.loadEnvFile(ROOT_ENV_FILE);
}

/**
 * The stack's configuration for a process starting up: from the environment and the
 * root `.env`. A configuration that cannot work stops the process with the reason,
 * e.g. "token server: CORD_SECRET is not set. ...".
 */
export function loadStackConfigOrExit(processName: string): StackConfig {
  try {
    loadRootEnvFile();
    return readStackConfig();
  } catch (error) {
    if (!(error instanceof StackConfigError)) throw error;
    console.error(`${processName}: ${error.message}`);
    process.exit(1);
  }
}
