import { describe, expect, it } from 'vitest';
import {
  componentGroupId,
  GUIDE_GROUP,
  GUIDE_USERS,
  GUIDE_VARIANTS,
  TEST_USERS,
  TUTORIAL_GROUP,
  testUserIndex,
} from '../src/testUsers.ts';

describe('TEST_USERS', () => {
  it('are the three users of the tutorial, in its order', () => {
    expect(TEST_USERS).toEqual([
      { id: 'severusatreides', name: 'Severus Atreides', email: 'sevvy@arrakis.spice' },
      { id: 'minervahalleck', name: 'Minerva Halleck', email: 'minnie@caladan.spice' },
      { id: 'hermioneorgana', name: 'Hermione Organa', email: 'hermy@alderaan.spice' },
    ]);
    expect(TUTORIAL_GROUP).toEqual({ id: 'starpotterdunewars', name: 'starpotterdunewars' });
  });
});

describe('GUIDE_VARIANTS', () => {
  it("the guide's are the users and the group its CLI commands of steps 8 and 11 create", () => {
    expect(GUIDE_USERS).toEqual([
      { id: 'cordymccordface', name: 'Cordy McCordface', email: 'your@email.here' },
      { id: 'yaketyyak', name: 'Yakety Yak' },
      { id: 'jibberjabber', name: 'Jibber Jabber' },
    ]);
    expect(GUIDE_GROUP).toEqual({ id: 'my-first-group', name: 'my first cord group' });
  });

  it('only the guide names the group on the components; the tutorial names it in the token', () => {
    expect(componentGroupId(GUIDE_VARIANTS.guide)).toBe('my-first-group');
    expect(componentGroupId(GUIDE_VARIANTS.tutorial)).toBeUndefined();
  });
});

describe('testUserIndex', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['2', 2],
  ])('picks user %s', (raw, index) => {
    expect(testUserIndex(raw)).toBe(index);
  });

  it.each([
    ['3', 0],
    ['4', 1],
    ['5', 2],
    ['301', 1],
  ])('wraps %s around the list', (raw, index) => {
    expect(testUserIndex(raw)).toBe(index);
  });

  it.each([
    ['-1', 2],
    ['-2', 1],
    ['-3', 0],
    ['-4', 2],
    ['-0', 0],
  ])('wraps negative %s around the list too', (raw, index) => {
    expect(testUserIndex(raw)).toBe(index);
  });

  it.each([undefined, null, '', 'abc', ' ', 'NaN', 'Infinity', '-Infinity', 'x1'])(
    'takes 0 for missing or unparsable %j',
    (raw) => {
      expect(testUserIndex(raw)).toBe(0);
    },
  );

  it('reads the leading integer, like parseInt', () => {
    expect(testUserIndex('1e999')).toBe(1);
    expect(testUserIndex('2abc')).toBe(2);
    expect(testUserIndex(' 2')).toBe(2);
    expect(testUserIndex('1.9')).toBe(1);
  });

  it('handles the largest safe integers exactly', () => {
    // 2^53 - 1 = 9007199254740991, and 9007199254740991 mod 3 = 1.
    expect(testUserIndex(String(Number.MAX_SAFE_INTEGER))).toBe(1);
    expect(testUserIndex(String(-Number.MAX_SAFE_INTEGER))).toBe(2);
  });

  it.each(['9007199254740993', '99999999999999999999', '-99999999999999999999', '9'.repeat(400)])(
    'takes 0 for %s, too big to wrap exactly',
    (raw) => {
      expect(testUserIndex(raw)).toBe(0);
    },
  );

  it('wraps around a list of another length', () => {
    expect(testUserIndex('5', 2)).toBe(1);
    expect(testUserIndex('-1', 4)).toBe(3);
  });

  it('takes 0 for anything that is not a single query-string value', () => {
    expect(testUserIndex(['1', '2'])).toBe(0);
    expect(testUserIndex({ a: '1' })).toBe(0);
  });

  it('always gives an index into TEST_USERS', () => {
    const raws = ['-7', '0', '7', '1e999', 'abc', '12345678901234567890', '-2147483649', '2147483648'];
    for (const raw of raws) {
      const index = testUserIndex(raw);
      expect(Number.isInteger(index)).toBe(true);
      expect(TEST_USERS[index]).toBeDefined();
    }
  });
});
