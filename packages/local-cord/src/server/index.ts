export { startLocalCord, type LocalCord, type LocalCordOptions } from './localCordServer.ts';
export { IN_MEMORY, Store } from '../store/store.ts';
export { CLOSE_INVALID_SESSION } from './connection.ts';
