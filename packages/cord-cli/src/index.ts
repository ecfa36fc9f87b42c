// `@cord-tutorial/cord-cli`: the `cord` command, to run in-process (tests, scripts).
export { CORD_CLI_VERSION, runCord } from './cord.ts';
export { EXIT, type ExitCode } from './errors.ts';
export type { CordIo } from './io.ts';
export { markdownToMessageContent } from './markdown/markdownToContent.ts';
