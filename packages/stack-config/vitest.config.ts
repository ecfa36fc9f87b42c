import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'stack-config', environment: 'node', include: ['test/**/*.test.ts'] },
});
