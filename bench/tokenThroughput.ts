import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET } from '@cord-tutorial/stack-config';
import { GUIDE_VARIANTS, TEST_USERS, TUTORIAL_GROUP, testUserIndex } from '@cord-tutorial/stack-config/test-users';
import autocannon from 'autocannon';
import { createApp } from '../apps/server/src/app.ts';

// Issue goal: the token endpoint (Express, as shipped) serves at least 0.85 of the
// throughput of a bare node:http server signing the same payload with the same
// getClientAuthToken. Each server runs alone in a child process (stdout to /dev/null:
// the app logs one line per request); autocannon drives it from this process on
// 127.0.0.1, one after the other, same duration, each after its own warm-up.
const DURATION_S = Number(process.env.DURATION ?? 10);
const WARMUP_S = Number(process.env.WARMUP ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const PATH = '/generate-cord-token?userIndex=1';

type Kind = 'express' | 'express-quiet' | 'bare';

// The very module the token server uses (a dependency of apps/server, not of the root).
const { getClientAuthToken } = createRequire(new URL('../apps/server/package.json', import.meta.url))(
  '@cord-sdk/server',
) as {
  getClientAuthToken(projectId: string, secret: string, payload: Record<string, unknown>): string;
};

if (process.argv[2] === '--serve') {
  serve(process.argv[3] as Kind);
} else {
  await main();
}

/** Child process: one server on a free port, reported to the parent. */
function serve(kind: Kind) {
  if (kind === 'express-quiet') console.log = () => {};
  const server =
    kind === 'bare'
      ? createServer((request, response) => {
          const url = new URL(request.url ?? '/', 'http://local');
          if (request.method !== 'GET' || url.pathname !== '/generate-cord-token') {
            response.writeHead(404).end();
            return;
          }
          const user = TEST_USERS[testUserIndex(url.searchParams.get('userIndex') ?? undefined)]!;
          const clientAuthToken = getClientAuthToken(LOCAL_CORD_PROJECT_ID, LOCAL_CORD_PROJECT_SECRET, {
            user_id: user.id,
            organization_id: TUTORIAL_GROUP.id,
            user_details: { email: user.email, name: user.name },
            organization_details: { name: TUTORIAL_GROUP.name },
          });
          response
            .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
            .end(JSON.stringify({ clientAuthToken }));
        })
      : createApp({
          projectId: LOCAL_CORD_PROJECT_ID,
          projectSecret: LOCAL_CORD_PROJECT_SECRET,
          tokenExpiresSeconds: undefined,
          guideVariant: GUIDE_VARIANTS.tutorial,
          allowedOrigins: ['http://localhost:5173'],
        });
  const listening = server.listen(0, '127.0.0.1', () => {
    process.send!({ port: (listening.address() as AddressInfo).port });
  });
}

interface Measured {
  kind: Kind;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(kind: Kind): Promise<Measured> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}${PATH}`;
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    return {
      kind,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  }
}

async function main() {
  console.log(
    `Token endpoint: GET ${PATH}, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s each, servers one at a time`,
  );
  const results: Measured[] = [];
  for (const kind of ['express', 'bare', 'express-quiet'] as const) {
    const measured = await measure(kind);
    results.push(measured);
    console.log(
      `  ${kind.padEnd(14)} ${measured.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${measured.p50} ms   p99 ${measured.p99} ms   errors/non-2xx ${measured.errors}`,
    );
  }
  const [express, bare, quiet] = results as [Measured, Measured, Measured];
  console.log(
    `Express / bare node:http throughput: ${(express.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} (goal >= 0.85)`,
  );
  console.log(
    `Express without its per-request log line / bare: ${(quiet.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} ` +
      '(attribution only: the log line is a requirement)',
  );
}
