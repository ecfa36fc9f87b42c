export { DatabaseInUseError, IN_MEMORY, Store } from '../store/store.ts';
export { bundleSdk } from './assets.ts';
export type { LocalProject } from './auth/clientAuthToken.ts';
export { CLOSE_INVALID_SESSION } from './live/connection.ts';
export { CLOSE_TOO_SLOW } from './live/outflow.ts';
export { type LocalCord, type LocalCordOptions, startLocalCord } from './localCordServer.ts';
export type { LocalCustomer } from './rest/customerAuthToken.ts';
export { WEBHOOK_TYPES, type WebhookType } from './webhooks/signing.ts';
export type { WebhookOptions } from './webhooks/webhooks.ts';
