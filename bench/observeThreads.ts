import { installBrowserLikeWebSocket, restCall } from '@cord-tutorial/local-cord/testing';
import { openSdkPage } from '@cord-tutorial/local-cord/testing/sdk';
import { DEVELOPMENT_PROJECT, localToken, percentile, sleep, startLocalCordProcess } from './support.ts';

// Issue goal: `CordSDK.thread.observeThreads` over a group of 1,000 threads, its first
// callback (with threads, not the empty "loading" one it gives at once) within 100 ms,
// the median over runs. The SDK's own code (CordSDK over its data layer) runs here in Node
// with a browser-like WebSocket; local Cord runs as its own process with an in-memory
// database the REST API filled. Each run observes afresh (the page's query is dropped in
// between, so nothing is answered from the page's cache) and stops observing once answered;
// before each run a REST write (the writer's metadata) makes local Cord read the group's
// threads again, as it must after any write.
const THREADS = Number(process.env.THREADS ?? 1_000);
const RUNS = Number(process.env.RUNS ?? 30);
const WARMUP = 3;
const GROUP = 'bench-threads';

type Sdk = Awaited<ReturnType<typeof openSdkPage>>['sdk'];
type ObserveThreads = Sdk['thread']['observeThreads'];

/** Milliseconds from observeThreads to its first loaded callback, and to the one with counts too. */
async function observeOnce(
  sdk: Sdk,
  options: Parameters<ObserveThreads>[1],
): Promise<{ threads: number; withCounts: number; listed: number }> {
  return new Promise((resolve) => {
    let threadsAt: number | undefined;
    let listed = 0;
    const startedAt = performance.now();
    const ref = sdk.thread.observeThreads((data) => {
      if (data.loading) return;
      const at = performance.now();
      if (threadsAt === undefined) {
        threadsAt = at;
        listed = data.threads.length;
      }
      if (data.counts === undefined) return;
      queueMicrotask(() => sdk.thread.unobserveThreads(ref));
      resolve({ threads: threadsAt - startedAt, withCounts: at - startedAt, listed });
    }, options);
  });
}

const restoreWebSocket = installBrowserLikeWebSocket();
const cord = await startLocalCordProcess();
try {
  const rest = async (method: 'PUT' | 'POST', endpoint: string, body: object) => {
    const answer = await restCall(cord, method, endpoint, body, DEVELOPMENT_PROJECT);
    if (answer.status !== 200) throw new Error(`${endpoint}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  await rest('PUT', 'users/writer', { name: 'Writer' });
  await rest('PUT', 'groups/bench-threads', { name: 'Threads benchmark', members: ['writer'] });
  const seedStart = performance.now();
  for (let n = 0; n < THREADS; n++) {
    await rest('POST', `threads/bench-${n}/messages`, {
      id: `bench-${n}-m1`,
      authorID: 'writer',
      content: [{ type: 'p', children: [{ text: `Thread ${n}` }] }],
      createThread: { groupID: GROUP, name: `Thread ${n}`, url: 'http://localhost/', location: { page: `p${n % 20}` } },
    });
  }
  console.log(`Seeded ${THREADS} threads through REST in ${((performance.now() - seedStart) / 1_000).toFixed(1)} s`);

  const { sdk } = await openSdkPage(cord, localToken('reader', GROUP));
  const cases: Array<[string, Parameters<ObserveThreads>[1]]> = [
    ["Cord's default page (10), no filter", {}],
    ['a page of 100, one location (50 threads)', { initialFetchCount: 100, filter: { location: { page: 'p7' } } }],
    ['every thread (initialFetchCount 1,000)', { initialFetchCount: 1_000 }],
  ];
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`observeThreads over a group of ${THREADS} threads, ${RUNS} runs each (after ${WARMUP} warm-up)`);
  for (const [name, options] of cases) {
    const threads: number[] = [];
    const withCounts: number[] = [];
    let listed = 0;
    for (let run = 0; run < WARMUP + RUNS; run++) {
      await rest('PUT', 'users/writer', { metadata: { run } });
      const result = await observeOnce(sdk, options);
      if (run >= WARMUP) {
        threads.push(result.threads);
        withCounts.push(result.withCounts);
      }
      listed = result.listed;
      await sleep(20);
    }
    threads.sort((a, b) => a - b);
    withCounts.sort((a, b) => a - b);
    console.log(
      `  ${name}: ${listed} listed; first callback with threads median ${ms(percentile(threads, 0.5))}, ` +
        `p90 ${ms(percentile(threads, 0.9))}; with counts too median ${ms(percentile(withCounts, 0.5))}, ` +
        `p90 ${ms(percentile(withCounts, 0.9))} (goal: median <= 100 ms)`,
    );
  }
  sdk.destroy();
} finally {
  await cord.stop();
  restoreWebSocket();
}
