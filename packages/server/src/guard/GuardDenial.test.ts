import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GUARD_DENIALS, WriteRefusal, meetingRoots, type GuardDenialCode } from '@kenes/shared';
import type { GuardContext, GuardVerdict } from '../sync/interfaces.js';
import { createUpdateGuard } from './createGuard.js';
import { buildRoom, capture, ctx, firstText, joinClient } from '../test-support/guardFixtures.js';

const guard = createUpdateGuard();

describe('guard denial codes', () => {
  it('every declared code is used by a rule of the guard (deny() takes only declared ones)', () => {
    // `deny` and `denial` are typed by GuardDenialCode, so a rule cannot use
    // an undeclared code; this is the other half: no declared code is dead.
    const dir = new URL('.', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const used = new Set([...source.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]));
    const unused = Object.keys(GUARD_DENIALS).filter((code) => !used.has(code));
    expect(unused).toEqual([]);
  });

  it('a denial carries its code, the exact reason of before and the kind', () => {
    const cases: Array<[string, Uint8Array, GuardContext, GuardVerdict]> = [];
    const room = buildRoom();
    const client = joinClient(room);
    const paragraph = capture(client, () => firstText(client).insert(0, 'x'));
    cases.push([
      'observer',
      paragraph,
      ctx({ role: 'observer' }),
      deniedWith('read_only_role', "role 'observer' may not edit texts"),
    ]);
    cases.push([
      'closed meeting',
      paragraph,
      ctx({ status: 'closed' }),
      deniedWith('meeting_closed', 'meeting is closed'),
    ]);
    cases.push([
      'control root',
      capture(joinClient(room), (d) => meetingRoots(d).agenda.push([new Y.Map()])),
      ctx(),
      deniedWith('control_root', "writes control root 'agenda'"),
    ]);
    cases.push([
      'deletion in a control root',
      capture(joinClient(room), (d) => meetingRoots(d).meeting.delete('title')),
      ctx(),
      deniedWith('delete_control_root', "deletion writes control root 'meeting'"),
    ]);
    cases.push([
      'deleting a texts entry',
      capture(joinClient(room), (d) => meetingRoots(d).texts.delete('r1')),
      ctx(),
      deniedWith('delete_texts_map', "deletion writes the texts map itself (entry 'r1')"),
    ]);
    cases.push([
      'trailing bytes',
      Uint8Array.from([0, 0, 99]),
      ctx(),
      deniedWith('trailing_bytes', 'malformed update: trailing bytes'),
    ]);
    cases.push([
      'a client id bound to another user',
      paragraph,
      ctx({ owners: new Map([[client.clientID, 'u2']]) }),
      deniedWith(
        'foreign_client_id',
        `client id ${client.clientID} belongs to another user`,
        WriteRefusal.clientIdTaken,
      ),
    ]);
    for (const [name, update, context, expected] of cases) {
      expect(guard.check(room, update, context), name).toEqual(expected);
    }
  });

  it('an update Yjs cannot read is denied as unreadable with the reader’s message', () => {
    // A varint that never ends: lib0 throws before any rule runs.
    const verdict = guard.check(buildRoom(), Uint8Array.from([0xff, 0xff]), ctx());
    expect(verdict).toMatchObject({ ok: false, code: 'unreadable', kind: WriteRefusal.refused });
    if (!verdict.ok) expect(verdict.reason).toMatch(/^malformed update: ./);
  });
});

function deniedWith(
  code: GuardDenialCode,
  reason: string,
  kind: WriteRefusal = WriteRefusal.refused,
): GuardVerdict {
  return { ok: false, code, reason, kind };
}
