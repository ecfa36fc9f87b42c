import { loadStackConfigOrExit } from '@cord-tutorial/stack-config';
import concurrently, { type ConcurrentlyCommandInput } from 'concurrently';

// `pnpm dev`: every process of the stack, named and coloured, stopped together. The
// stack's configuration decides whether local Cord is one of them.
const config = loadStackConfigOrExit('pnpm dev');

const commands: ConcurrentlyCommandInput[] = [
  { name: 'server', command: 'pnpm --filter @cord-tutorial/server dev', prefixColor: 'blue' },
  { name: 'web', command: 'pnpm --filter @cord-tutorial/web dev', prefixColor: 'magenta' },
];
if (config.mode === 'local') {
  commands.unshift({ name: 'cord', command: 'pnpm --filter @cord-tutorial/local-cord dev', prefixColor: 'green' });
}
const users = config.guideVariant.users.map((user) => user.id).join(', ');
console.log(
  `${config.mode === 'local' ? `Using local Cord at ${config.localCord.url}` : `Using the Cord project ${config.projectId}`}` +
    ` with the ${config.guideVariant.name}'s users (${users}; CORD_GUIDE_VARIANT).\n` +
    `Open http://localhost:${config.web.port}/ (React) or http://localhost:${config.web.port}/vanilla.html`,
);

const { result } = concurrently(commands, { killOthersOn: ['failure', 'success'] });
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
