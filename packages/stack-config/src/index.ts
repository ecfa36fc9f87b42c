export * from './localProject.ts';
export { loadRootEnvFile, loadStackConfigOrExit } from './processEnv.ts';
export * from './stackConfig.ts';
