export * from './cordCliEnvironment.ts';
export * from './hostCheck.ts';
export * from './localProject.ts';
export * from './loopback.ts';
export { loadRootEnvFile, loadStackConfigOrExit } from './processEnv.ts';
export * from './stackConfig.ts';
