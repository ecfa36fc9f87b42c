import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestBody } from '@cord-tutorial/local-cord/protocol';
import {
  connect,
  freePort,
  memberToken,
  type SignedIn,
  sendBody,
  signIn,
  startCli,
  stopCli,
} from '@cord-tutorial/local-cord/testing';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { percentile, rssMiB, sleep } from './support.ts';

// Issue 11's load findings, each against a fresh local Cord process on a database file,
// with /health asked every HEALTH_EVERY_MS during the run (its p99 beside the goal) and the
// process's RSS read from /proc throughout (its peak over the idle figure):
// 1. one connection sends 10,000 presence.set, each at a new location of nearly the
//    largest size allowed (2 KB), as fast as its socket takes them, while 20 others watch the
//    whole group's presence;
// 6. 200 connections each send requests at the rate one connection is allowed (a mix of
//    writes, thread and list reads, presence and search), all of one user and then of 20.
// ONLY=1, ONLY=6 (both) or ONLY=6b (20 users) runs one; CORD_URL with CORD_PID measures a
// local Cord already running instead (another version's, say) for one scenario at a time.

const HEALTH_EVERY_MS = 20;
const PROJECT = { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET };
const PRESENCE_FRAMES = Number(process.env.PRESENCE_FRAMES ?? 10_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 15);
/** The rate each connection sends at: the per-connection limit (protocol/limits.ts). */
const PER_CONNECTION_RATE = 60;

interface Cord {
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

async function startCord(): Promise<Cord> {
  if (process.env.CORD_URL)
    return { url: process.env.CORD_URL, pid: Number(process.env.CORD_PID), stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'local-cord-abuse-'));
  const port = await freePort();
  const cli = startCli({
    LOCAL_CORD_HOST: '127.0.0.1',
    LOCAL_CORD_PORT: String(port),
    LOCAL_CORD_DB: join(dir, 'abuse.db'),
  });
  await cli.waitFor(/local Cord listening/);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: cli.child.pid!,
    stop: async () => {
      await stopCli(cli);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const signInAs = (cord: Cord, userId: string, groupId: string): Promise<SignedIn> =>
  signIn(cord, memberToken(userId, groupId, `User ${userId}`, PROJECT));

/**
 * Asks /health back to back (a pause of HEALTH_EVERY_MS between) from a process of its own,
 * so the clients' work here does not count in its figures, and samples RSS until stopped.
 */
function watchServer(cord: Cord) {
  const probe = spawn(process.execPath, ['-e', HEALTH_PROBE, `${cord.url}/health`, String(HEALTH_EVERY_MS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  probe.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const probed = new Promise((resolve) => probe.once('exit', resolve));
  let peakRss = rssMiB(cord.pid);
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(cord.pid));
  }, 100);
  return async () => {
    clearInterval(rss);
    probe.stdin.end();
    await probed;
    peakRss = Math.max(peakRss, rssMiB(cord.pid));
    const sorted = (JSON.parse(output) as number[]).sort((a, b) => a - b);
    return {
      asked: sorted.length,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
      peakRss,
    };
  };
}

/** /health on the idle server for a few seconds: what the machine alone allows (it is shared). */
async function idleHealth(cord: Cord): Promise<string> {
  const stop = watchServer(cord);
  await sleep(3_000);
  const idle = await stop();
  return `idle server beforehand: /health p50 ${ms(idle.p50)}, p99 ${ms(idle.p99)}`;
}

/** The /health prober: asks until its stdin closes, then prints every latency in ms. */
const HEALTH_PROBE = `
const http = require('node:http');
const [url, every] = process.argv.slice(1);
const latencies = [];
let running = true;
process.stdin.on('end', () => { running = false; });
process.stdin.resume();
// A new connection each time (no keep-alive): a busy server must still accept one.
const ask = () => new Promise((resolve, reject) => {
  http.get(url, { agent: false }, (response) => { response.resume(); response.on('end', resolve); }).on('error', reject);
});
(async () => {
  while (running) {
    const started = performance.now();
    await ask();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, Number(every)));
  }
  process.stdout.write(JSON.stringify(latencies));
})();
`;

/** Counts the acks a client gets (and how many refused), without parsing every pushed event. */
function countAcks(client: SignedIn['client']) {
  const counts = { acks: 0, refused: 0 };
  client.socket.on('message', (data) => {
    client.inbox.length = 0;
    const text = data.toString();
    if (!text.startsWith('{"type":"ack"')) return;
    counts.acks++;
    if (text.includes('"error":')) counts.refused++;
  });
  return counts;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function presenceFlood() {
  const cord = await startCord();
  try {
    const watchers = await Promise.all(Array.from({ length: 20 }, (_, i) => signInAs(cord, `watcher${i}`, 'abuse')));
    for (const { client } of watchers) {
      countAcks(client);
      client.send({ type: 'presence.watch', watchId: 'all', location: {}, id: 'watch' });
    }
    const { client } = await signInAs(cord, 'flooder', 'abuse');
    const counts = countAcks(client);
    await sleep(500);
    const quiet = await idleHealth(cord);
    const idle = rssMiB(cord.pid);
    const stop = watchServer(cord);
    const started = performance.now();
    // Each location nearly MAX_LOCATION_LENGTH (2,000 characters of JSON) and new.
    const filler = 'x'.repeat(1_950);
    for (let i = 0; i < PRESENCE_FRAMES; i++) {
      // As fast as the socket takes them, without stalling this process (it asks /health too).
      while (client.socket.bufferedAmount > 1024 * 1024) await sleep(1);
      if (i % 100 === 0) await new Promise(setImmediate);
      client.send({
        type: 'presence.set',
        id: `p${i}`,
        location: { page: `page-${i}`, filler },
        present: true,
        durable: i % 2 === 0,
      });
    }
    while (counts.acks < PRESENCE_FRAMES) await sleep(20);
    const seconds = (performance.now() - started) / 1_000;
    const result = await stop();
    console.log(
      `Finding 1: ${PRESENCE_FRAMES} presence.set at new ~2 KB locations from one connection, 20 watchers: ` +
        `answered in ${seconds.toFixed(1)} s (${counts.refused} refused by the limits)`,
    );
    console.log(
      `  /health (asked ${result.asked} times) p50 ${ms(result.p50)}, p99 ${ms(result.p99)} (goal <= 50 ms), max ${ms(result.max)}; ` +
        `RSS growth ${(result.peakRss - idle).toFixed(0)} MiB (goal <= 50 MiB), peak ${result.peakRss.toFixed(0)} MiB; ${quiet}`,
    );
  } finally {
    await cord.stop();
  }
}

/** What a busy client asks, in turn: writes, reads of a thread and a list, presence, search. */
function requestMix(user: string, connection: number, n: number): RequestBody {
  const thread = `thread-${user}-${n % 5}`;
  switch (n % 6) {
    case 0:
      return sendBody(thread, `m-${connection}-${n}`, `message ${n} from ${connection}`);
    case 1:
      return { type: 'thread.observe', threadId: thread };
    case 2:
      return { type: 'threads.observe', queryId: `list${n}`, filter: {}, sort: {}, count: 1000 };
    case 3:
      return { type: 'threads.unobserve', queryId: `list${n - 1}` };
    case 4:
      return {
        type: 'presence.set',
        location: { page: 'abuse', cursor: n % 50 },
        exclusiveWithin: { page: 'abuse' },
        present: true,
        durable: false,
      };
    default:
      return { type: 'users.search', groupId: 'abuse', searchQuery: 'User' };
  }
}

async function connectionsAtRate(users: number) {
  const cord = await startCord();
  try {
    const perUser = CONNECTIONS / users;
    const signedIn: SignedIn[] = [];
    const closed: number[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const user = `user${Math.floor(i / perUser)}`;
      const client = await connect(cord);
      client.send({ type: 'hello', token: memberToken(user, 'abuse', `User ${user}`, PROJECT) });
      const welcome = client.next((event) => event.type === 'welcome', 'welcome').catch(() => undefined);
      const outcome = await Promise.race([welcome, client.closed]);
      if (outcome && 'type' in outcome && outcome.type === 'welcome') {
        signedIn.push({ client, session: outcome.session, viewer: outcome.viewer });
      } else {
        closed.push((await client.closed).code);
      }
    }
    const quiet = await idleHealth(cord);
    const open = signedIn.filter(({ client }) => client.isOpen);
    const counts = open.map(({ client }) => countAcks(client));
    const idle = rssMiB(cord.pid);
    const stop = watchServer(cord);
    let sent = 0;
    const deadline = performance.now() + RATE_SECONDS * 1_000;
    // Every connection sends PER_CONNECTION_RATE a second, spread over each 100 ms.
    while (performance.now() < deadline) {
      const tick = performance.now();
      for (const [index, { client, viewer }] of open.entries()) {
        if (!client.isOpen) continue;
        for (let k = 0; k < PER_CONNECTION_RATE / 10; k++) {
          client.send({ ...requestMix(viewer.id, index, sent), id: `r${sent}` });
          sent++;
        }
      }
      await sleep(Math.max(0, 100 - (performance.now() - tick)));
    }
    const result = await stop();
    const acks = counts.reduce((sum, count) => sum + count.acks, 0);
    const refused = counts.reduce((sum, count) => sum + count.refused, 0);
    const codes = [...new Set(closed)].map((code) => `${closed.filter((c) => c === code).length} closed with ${code}`);
    console.log(
      `Finding 6: ${CONNECTIONS} connections of ${users} user(s) (${open.length} let in${codes.length ? `; ${codes.join(', ')}` : ''}), ` +
        `each at ${PER_CONNECTION_RATE} requests/s for ${RATE_SECONDS} s: ${sent} sent, ${acks} answered (${refused} refused)`,
    );
    console.log(
      `  /health (asked ${result.asked} times) p50 ${ms(result.p50)}, p99 ${ms(result.p99)} (goal <= 100 ms), max ${ms(result.max)}; ` +
        `peak RSS ${result.peakRss.toFixed(0)} MiB (goal <= 500 MiB; idle ${idle.toFixed(0)} MiB); ${quiet}`,
    );
    await Promise.all(open.map(({ client }) => client.close()));
  } finally {
    await cord.stop();
  }
}

const only = process.env.ONLY;
if (!only || only === '1') await presenceFlood();
if (!only || only === '6') await connectionsAtRate(1);
if (!only || only === '6' || only === '6b') await connectionsAtRate(20);
