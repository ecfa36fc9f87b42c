// Shared by the benchmarks: local Cord as a real child process on 127.0.0.1, clients
// that speak its WebSocket protocol (the tests' TestClient), tokens, percentiles, RSS.
import { readFileSync } from 'node:fs';
import {
  type CliProcess,
  freePort,
  memberToken,
  type SignedIn,
  signIn,
  startCli,
  stopCli,
} from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';

export const DEVELOPMENT_PROJECT = { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET };

export interface LocalCordProcess {
  url: string;
  pid: number;
  cli: CliProcess;
  stop(): Promise<unknown>;
}

/**
 * `node --import tsx packages/local-cord/src/cli.ts` on a free loopback port, an in-memory
 * database unless one is given. LOCAL_CORD_NODE_OPTIONS passes Node flags to it (say
 * `--require` of a profiler: `--cpu-prof` is not allowed in NODE_OPTIONS).
 */
export async function startLocalCordProcess(database = ':memory:'): Promise<LocalCordProcess> {
  const port = await freePort();
  const cli = startCli({
    NODE_OPTIONS: process.env.LOCAL_CORD_NODE_OPTIONS ?? '',
    LOCAL_CORD_HOST: '127.0.0.1',
    LOCAL_CORD_PORT: String(port),
    LOCAL_CORD_DB: database,
  });
  // Starting bundles the SDK script: on a loaded machine that takes a while.
  await cli.waitFor(/local Cord listening/, 60_000);
  return { url: `http://127.0.0.1:${port}`, pid: cli.child.pid!, cli, stop: () => stopCli(cli) };
}

/** A token for local Cord's development project: a member of `groupId`, both created on the fly. */
export function localToken(userId: string, groupId: string): string {
  return memberToken(userId, groupId, `User ${userId}`, DEVELOPMENT_PROJECT);
}

/** Connects and signs in over a real WebSocket. */
export function signInTo(cord: LocalCordProcess, userId: string, groupId: string): Promise<SignedIn> {
  return signIn(cord, localToken(userId, groupId));
}

/** Resident set size of a process, in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU time (user and system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
/** Linux's USER_HZ, the unit of /proc's CPU times, on every platform Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The most resident memory the process has had (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) / 1024;
}

/** Nearest-rank percentile of already sorted numbers. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const MACHINE = `${process.platform}, Node ${process.version}`;
