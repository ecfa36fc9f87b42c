import {
  isLoopbackHost,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_SECRET,
  loadStackConfigOrExit,
  type StackConfig,
} from '@cord-tutorial/stack-config';
import { DatabaseInUseError, Store, startLocalCord } from './server/index.ts';

// `tsx src/cli.ts` starts local Cord; `tsx src/cli.ts reset` empties its database.

function fail(message: string): never {
  console.error(`local Cord: ${message}`);
  process.exit(1);
}

async function start({ localCord, tokenServer }: StackConfig) {
  if (!isLoopbackHost(localCord.host) && !localCord.allowRemote) {
    fail(
      `refusing to listen on ${localCord.host}: anyone who can reach local Cord can sign ` +
        'tokens with its published development secret. Use a loopback address, or set ' +
        'LOCAL_CORD_ALLOW_REMOTE=1 if you really mean it.',
    );
  }
  const cord = await startLocalCord({
    project: { id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET },
    database: localCord.database,
    host: localCord.host,
    port: localCord.port,
    // The client's origins, the same the token server allows.
    allowedOrigins: tokenServer.allowedOrigins,
    allowedHosts: localCord.allowedHosts,
    webhook: localCord.webhook,
  }).catch((error: Error) => fail(error.message));
  console.log(`local Cord listening on ${cord.url} (database: ${localCord.database})`);
  if (localCord.webhook) {
    console.log(`local Cord: webhook events (${localCord.webhook.events.join(', ')}) go to ${localCord.webhook.url}`);
  }
  const stop = () => void cord.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function reset({ localCord }: StackConfig) {
  let store: Store;
  try {
    store = new Store(localCord.database);
  } catch (error) {
    if (error instanceof DatabaseInUseError) fail(error.message);
    throw error;
  }
  store.reset();
  store.close();
  console.log(`local Cord: emptied ${localCord.database}`);
}

const config = loadStackConfigOrExit('local Cord');
if (process.argv[2] === 'reset') reset(config);
else await start(config);
