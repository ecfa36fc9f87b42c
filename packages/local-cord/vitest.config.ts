import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'local-cord', environment: 'node', include: ['test/**/*.test.ts'] },
});
