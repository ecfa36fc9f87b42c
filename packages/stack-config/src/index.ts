export * from './stackConfig.ts';
export * from './localProject.ts';
export { loadRootEnvFile } from './envFile.ts';
