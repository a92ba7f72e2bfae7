import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from './commands.js';
import {
  ACTIONS,
  ROLES,
  ROLE_RANK,
  can,
  isRole,
  leastRoleFor,
  type Action,
  type Role,
} from './roles.js';

/** What a participant may do besides reading (per-record limits are in the command logic). */
const PARTICIPANT: readonly Action[] = [
  'queue.request',
  'queue.withdraw',
  'rec.create',
  'rec.rename',
  'rec.endorse',
  'rec.unendorse',
  'position.set',
  'position.clear',
  'comment.create',
  'comment.reply',
  'comment.resolve',
  'comment.reopen',
  'text.edit',
  'export',
  // A proposer decides where the chair allows it (checked by the handler).
  'suggestion.decide',
];

describe('can', () => {
  it('covers every command type and the other actions', () => {
    for (const type of COMMAND_TYPES) expect(ACTIONS).toContain(type);
    expect(ACTIONS).toEqual(
      expect.arrayContaining([
        'text.edit',
        'members.manage',
        'invites.create',
        'audit.read',
        'export',
      ]),
    );
  });

  it.each(ACTIONS)('rules on %s for every role', (action) => {
    expect(can('chair', action)).toBe(true);
    expect(can('participant', action)).toBe(PARTICIPANT.includes(action));
    expect(can('observer', action)).toBe(action === 'export');
  });

  it('is monotonic in the role rank', () => {
    for (const action of ACTIONS) {
      for (const a of ROLES) {
        for (const b of ROLES) {
          if (ROLE_RANK[a] >= ROLE_RANK[b] && can(b, action)) expect(can(a, action)).toBe(true);
        }
      }
      expect(can(leastRoleFor(action), action)).toBe(true);
    }
  });

  it('denies unknown roles and actions', () => {
    expect(can('admin' as Role, 'export')).toBe(false);
    expect(can('chair', 'toString' as Action)).toBe(false);
    expect(can('chair', 'queue.jump' as Action)).toBe(false);
  });

  it('isRole accepts only role names', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
