import { fetchCordRESTApi } from '@cord-sdk/server';
import { loadStackConfigOrExit, type StackConfig } from '@cord-tutorial/stack-config';
import { TEST_USERS, TUTORIAL_GROUP } from '@cord-tutorial/stack-config/test-users';

// `pnpm seed`: creates the tutorial's users and their group in local Cord through Cord's
// REST API, with Cord's own client, as Cord's newer guide does with its CLI. Running it
// again updates them; it never removes anyone from the group.

function fail(message: string): never {
  console.error(`pnpm seed: ${message}`);
  process.exit(1);
}

/** Local Cord must be up, and be the one this configuration points at. */
async function checkRunning(url: string, projectId: string) {
  const health = await fetch(`${url}/health`).then(
    (response) => (response.ok ? (response.json() as Promise<{ project?: string }>) : undefined),
    () => undefined,
  );
  if (!health) {
    fail(
      `local Cord is not running at ${url}. Start it with \`pnpm dev\` (or only local Cord: ` +
        '`pnpm --filter @cord-tutorial/local-cord dev`), then run `pnpm seed` again.',
    );
  }
  if (health.project !== projectId) {
    fail(`the server at ${url} is not local Cord for project ${projectId} (it says ${health.project}).`);
  }
}

async function seed(config: StackConfig) {
  if (config.mode !== 'local') {
    fail(
      'CORD_PROJECT_ID and CORD_SECRET are set, so the stack uses a real Cord project; ' +
        '`pnpm seed` fills local Cord only.',
    );
  }
  const { url } = config.localCord;
  await checkRunning(url, config.projectId);
  const call = (endpoint: string, method: 'PUT' | 'POST', body: object) =>
    fetchCordRESTApi(endpoint, {
      project_id: config.projectId,
      project_secret: config.projectSecret,
      api_url: `${url}/`,
      method,
      body,
    });

  for (const user of TEST_USERS) {
    await call(`v1/users/${encodeURIComponent(user.id)}`, 'PUT', { name: user.name, email: user.email });
    console.log(`  user  ${user.id}: ${user.name}`);
  }
  const group = encodeURIComponent(TUTORIAL_GROUP.id);
  await call(`v1/groups/${group}`, 'PUT', { name: TUTORIAL_GROUP.name });
  await call(`v1/groups/${group}/members`, 'POST', { add: TEST_USERS.map((user) => user.id) });
  console.log(`  group ${TUTORIAL_GROUP.id}: ${TEST_USERS.length} members`);
  console.log(`Seeded local Cord at ${url}. See them in the inspector: ${url}/`);
}

const config = loadStackConfigOrExit('pnpm seed');
try {
  await seed(config);
} catch (error) {
  fail((error as Error).message);
}
