import type { AddressInfo } from 'node:net';
import { loadStackConfigOrExit } from '@cord-tutorial/stack-config';
import { createApp } from './app.ts';

const config = loadStackConfigOrExit('Token server not started');
const { host, port, allowedOrigins, allowedHosts } = config.tokenServer;
const app = createApp({ ...config, allowedOrigins, allowedHosts });
const server = app.listen(port, host, (error) => {
  // Express 5 also calls this when listening failed; the 'error' handler below reports it.
  if (error) return;
  const { port: listening } = server.address() as AddressInfo;
  console.log(
    `Cord example app listening on port ${listening} of ${host} ` +
      `(${config.mode} Cord, project ${config.projectId}, the ${config.guideVariant.name}'s users)`,
  );
});
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use: stop the other process or set PORT.`);
    process.exit(1);
  }
  throw error;
});
