import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { runCord } from './cord.ts';
import type { CordIo } from './io.ts';

// The `cord` process: runCord with the real terminal, environment and programs.

/** Answers read line by line from stdin, kept until asked for (piped input arrives all at once). */
function terminalQuestions(): Pick<CordIo, 'ask'> & { close(): void } {
  let lines: AsyncIterator<string> | undefined;
  let input: ReturnType<typeof createInterface> | undefined;
  return {
    async ask(question) {
      process.stdout.write(question);
      input ??= createInterface({ input: process.stdin, terminal: false });
      lines ??= input[Symbol.asyncIterator]();
      const next = await lines.next();
      return next.done ? undefined : next.value;
    },
    close: () => input?.close(),
  };
}

const questions = terminalQuestions();
const exitCode = await runCord(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ask: questions.ask,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  spawn: (command, args) => spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'] }),
});
questions.close();
// Setting exitCode rather than exiting lets piped output drain first.
process.exitCode = exitCode;
