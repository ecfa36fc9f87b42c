// What the browser SDK reads from a client auth token before local Cord answers: the
// user it is for (to tell a refreshed token from another user's) and its group.
import { describe, expect, it } from 'vitest';
import { tokenGroupId, tokenIdentity } from '../src/sdk/token.ts';
import { tokenFor } from '../src/testing/index.ts';

describe('the token as the SDK reads it', () => {
  it("is the same user for a fresh token with the same claims, another user's is not", () => {
    const severus = tokenFor({ user_id: 'severus', group_id: 'g' });
    const later = tokenFor({ user_id: 'severus', group_id: 'g' }, { expires: '1 h' });
    expect(later).not.toBe(severus);
    expect(tokenIdentity(later)).toBe(tokenIdentity(severus));
    expect(tokenIdentity(tokenFor({ user_id: 'minerva', group_id: 'g' }))).not.toBe(tokenIdentity(severus));
    expect(tokenIdentity(tokenFor({ user_id: 'severus', group_id: 'other' }))).not.toBe(tokenIdentity(severus));
  });

  it("names Cord's group: group_id over organization_id, numbers as strings, any UTF-8", () => {
    expect(tokenGroupId(tokenFor({ user_id: 'u', group_id: 'starpotterdunewars' }))).toBe('starpotterdunewars');
    expect(tokenGroupId(tokenFor({ user_id: 'u', organization_id: 'old-style' }))).toBe('old-style');
    expect(tokenGroupId(tokenFor({ user_id: 'u', organization_id: 'old', group_id: 'new' }))).toBe('new');
    expect(tokenGroupId(tokenFor({ user_id: 'u', group_id: 42 }))).toBe('42');
    expect(tokenGroupId(tokenFor({ user_id: 'u', group_id: 'équipe-東京-🚀' }))).toBe('équipe-東京-🚀');
    expect(tokenGroupId(tokenFor({ user_id: 'u' }))).toBeUndefined();
  });

  it('reads nothing from what is not a JWT, without throwing', () => {
    for (const token of ['', 'not a token', 'a.b.c', `x.${btoa('[1,2]')}.y`, `x.${btoa('"text"')}.y`]) {
      expect(tokenGroupId(token)).toBeUndefined();
      expect(tokenIdentity(token)).toBe(token);
    }
  });
});
