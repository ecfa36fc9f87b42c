export * from './stackConfig.ts';
export * from './localProject.ts';
export { loadRootEnvFile, loadStackConfigOrExit } from './processEnv.ts';
