import { describe, expect, it } from 'vitest';
import type { MemberAnswer } from './access-ports.js';
import { decideAccess, type Access, type AccessDecision } from './access.js';

describe('the permission rule', () => {
  it.each<[boolean, Access, MemberAnswer, AccessDecision]>([
    [false, 'read', 'member', 'allowed'],
    [false, 'read', 'not_member', 'allowed'],
    [false, 'read', 'unknown', 'allowed'],
    [false, 'change', 'member', 'allowed'],
    [false, 'change', 'not_member', 'join_first'],
    [false, 'change', 'unknown', 'unknown'],
    [false, 'join', 'not_member', 'join_first'],
    [true, 'read', 'member', 'allowed'],
    [true, 'read', 'not_member', 'hidden'],
    [true, 'read', 'unknown', 'unknown'],
    [true, 'change', 'member', 'allowed'],
    [true, 'change', 'not_member', 'hidden'],
    [true, 'change', 'unknown', 'unknown'],
    [true, 'join', 'not_member', 'hidden'],
  ])('private %s, %s, in the channel: %s → %s', (isPrivate, access, member, decision) => {
    expect(decideAccess({ isPrivate, access, member })).toBe(decision);
  });
});
