// The test users of the tutorial's "Try multiple users" step. They are for demos
// only: a real app signs a token for whoever its own login says the user is, never
// for a user picked from the query string.
export const TUTORIAL_GROUP = {
  id: 'starpotterdunewars',
  name: 'starpotterdunewars',
} as const;

export interface TestUser {
  id: string;
  name: string;
  email: string;
}

export const TEST_USERS: readonly TestUser[] = [
  { id: 'severusatreides', name: 'Severus Atreides', email: 'sevvy@arrakis.spice' },
  { id: 'minervahalleck', name: 'Minerva Halleck', email: 'minnie@caladan.spice' },
  { id: 'hermioneorgana', name: 'Hermione Organa', email: 'hermy@alderaan.spice' },
];

/**
 * The tutorial's rule for `?userIndex=`: parsed as an integer, anything missing
 * or unparsable means 0, and the index wraps around the list (negative ones too).
 */
export function testUserIndex(raw: unknown): number {
  const parsed = typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) return 0;
  const count = TEST_USERS.length;
  return ((parsed % count) + count) % count;
}
