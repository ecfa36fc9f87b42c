// `@cord-tutorial/local-cord/testing`: what tests, browser tests and benchmarks need to
// run local Cord for real and talk to it.
export * from './browserWebSocket.ts';
export * from './cliProcess.ts';
export * from './restApi.ts';
export * from './sampleFiles.ts';
export * from './testClient.ts';
export * from './throwawayLocalCord.ts';
export * from './webhookReceiver.ts';
