import type { z } from 'zod';

// How a refused input is described, the same way wherever it is refused: the path to
// the first bad field in the caller's terms (`users[0].name`), then what is wrong.

/** `['users', 0, 'name']` -> `users[0].name` */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** `users[0].name: Invalid input...`, or just the message for the input as a whole. */
export function describeIssue(issue: z.core.$ZodIssue | undefined, prefix: readonly PropertyKey[] = []): string {
  if (!issue) return 'invalid input';
  const path = fieldPath([...prefix, ...issue.path]);
  return path ? `${path}: ${issue.message}` : issue.message;
}
