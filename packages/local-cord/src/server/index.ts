export { IN_MEMORY, Store } from '../store/store.ts';
export { CLOSE_INVALID_SESSION } from './connection.ts';
export { type LocalCord, type LocalCordOptions, startLocalCord } from './localCordServer.ts';
