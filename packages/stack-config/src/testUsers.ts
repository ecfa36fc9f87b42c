// The test users of the "Try multiple users" step, in its two versions. They are for
// demos only: a real app signs a token for whoever its own login says the user is, never
// for a user picked from the query string.

export interface TestUser {
  id: string;
  name: string;
  email?: string;
}

export interface TestGroup {
  id: string;
  name: string;
}

/** Cord's tutorial page "Create an Auth Token" and its "Try multiple users". */
export const TUTORIAL_GROUP: TestGroup = {
  id: 'starpotterdunewars',
  name: 'starpotterdunewars',
};

export const TEST_USERS: readonly TestUser[] = [
  { id: 'severusatreides', name: 'Severus Atreides', email: 'sevvy@arrakis.spice' },
  { id: 'minervahalleck', name: 'Minerva Halleck', email: 'minnie@caladan.spice' },
  { id: 'hermioneorgana', name: 'Hermione Organa', email: 'hermy@alderaan.spice' },
];

/**
 * Cord's integration guide: the group of its step 8, which its sample token (steps 2-6)
 * already put the Sample User in, and the users of its steps 8 and 11, as its CLI
 * commands create them.
 */
export const GUIDE_GROUP: TestGroup = {
  id: 'my-first-group',
  name: 'my first cord group',
};

export const GUIDE_USERS: readonly TestUser[] = [
  { id: 'cordymccordface', name: 'Cordy McCordface', email: 'your@email.here' },
  { id: 'yaketyyak', name: 'Yakety Yak' },
  { id: 'jibberjabber', name: 'Jibber Jabber' },
];

export const GUIDE_VARIANT_NAMES = ['tutorial', 'guide'] as const;
export type GuideVariantName = (typeof GUIDE_VARIANT_NAMES)[number];

/** Which version of "Try multiple users" the stack runs (CORD_GUIDE_VARIANT). */
export interface GuideVariant {
  name: GuideVariantName;
  users: readonly TestUser[];
  group: TestGroup;
  /**
   * Where the group is named. `token`: the tutorial signs the group into the token, with
   * the user's and the group's details, so Cord creates both at sign-in. `components`: the
   * guide's step 11 signs only `user_id` (its CLI created the users and the group) and
   * passes `groupId` to the components.
   */
  groupNamedIn: 'token' | 'components';
}

export const GUIDE_VARIANTS: Readonly<Record<GuideVariantName, GuideVariant>> = {
  tutorial: { name: 'tutorial', users: TEST_USERS, group: TUTORIAL_GROUP, groupNamedIn: 'token' },
  guide: { name: 'guide', users: GUIDE_USERS, group: GUIDE_GROUP, groupNamedIn: 'components' },
};

/** The group the page passes to Cord's components: only the guide's step 11 names one there. */
export function componentGroupId(variant: GuideVariant): string | undefined {
  return variant.groupNamedIn === 'components' ? variant.group.id : undefined;
}

/**
 * The tutorial's rule for `?userIndex=`: parsed as an integer, anything missing
 * or unparsable means 0, and the index wraps around the list (negative ones too).
 */
export function testUserIndex(raw: unknown, count: number = TEST_USERS.length): number {
  const parsed = typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) return 0;
  return ((parsed % count) + count) % count;
}
