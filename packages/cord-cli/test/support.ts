// Runs `cord` in-process against a real local Cord, as a script would run it: an
// environment of its own (its settings file in a temporary folder, never ~/.cord).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCord } from '@cord-tutorial/local-cord';
import { CUSTOMER, PROJECT, startThrowawayLocalCord, stopServer } from '@cord-tutorial/local-cord/testing';
import { runCord } from '../src/cord.ts';

export interface CordRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as JSON. */
  json<T = Record<string, unknown>>(): T;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Answers to the questions `cord` asks, in order; then the input ends. */
  answers?: string[];
}

/** A temporary folder for a settings file; removed by the returned function. */
export function tempConfig(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cord-cli-test-'));
  return { path: join(dir, '.cord'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The environment of a stack whose local Cord is the test's (LOCAL_CORD_PORT), with the
 * test project's and customer's keys, which `cord` reads as it reads a developer's.
 */
export function envFor(cord: { port: number }, configPath: string): Record<string, string> {
  return {
    CORD_CONFIG_PATH: configPath,
    LOCAL_CORD_PORT: String(cord.port),
    CORD_PROJECT_ID: PROJECT.id,
    CORD_PROJECT_SECRET: PROJECT.secret,
    CORD_CUSTOMER_ID: CUSTOMER.id,
    CORD_CUSTOMER_SECRET: CUSTOMER.secret,
  };
}

export type TempConfig = ReturnType<typeof tempConfig>;

/** A throwaway local Cord and a settings-file folder for one test; `stop` removes both. */
export async function startCordAndConfig(): Promise<{ cord: LocalCord; config: TempConfig; stop(): Promise<void> }> {
  const cord = await startThrowawayLocalCord();
  const config = tempConfig();
  return {
    cord,
    config,
    async stop() {
      await stopServer(cord);
      config.remove();
    },
  };
}

export async function runIn(argv: string[], { env = {}, answers = [] }: RunOptions = {}): Promise<CordRun> {
  let stdout = '';
  let stderr = '';
  const queue = [...answers];
  const code = await runCord(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    async ask(question) {
      stdout += question;
      return queue.shift();
    },
    columns: undefined,
    spawn: (command, args) => spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
