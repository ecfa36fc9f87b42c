import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'cord-cli', environment: 'node', include: ['test/**/*.test.ts'] },
});
