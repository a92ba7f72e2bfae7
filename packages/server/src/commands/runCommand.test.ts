import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ErrorCode, readMeeting } from '@kenes/shared';
import type { AuditEvent, AuditLog } from '../audit/auditLog.js';
import type { Store } from '../store/Store.js';
import type { RoomAccess } from '../sync/interfaces.js';
import type { Actor } from './context.js';
import { runCommand, type CommandServiceDeps } from './runCommand.js';

const MEETING = 'm1';
const actor = (role: Actor['role']): Actor => ({
  userId: role,
  name: role,
  organisation: 'Org',
  orgType: 'ngo',
  role,
});

/** Rooms that count every load (transact or read) and can be made to fail. */
function countingRooms(fail?: unknown): RoomAccess & { loads: number; doc: Y.Doc } {
  const doc = new Y.Doc();
  const rooms = {
    loads: 0,
    doc,
    async transact<T>(_id: string, fn: (d: Y.Doc) => T): Promise<T> {
      rooms.loads++;
      if (fail !== undefined) throw fail;
      let out: T | undefined;
      doc.transact(() => (out = fn(doc)), { source: 'server' });
      return out as T;
    },
    async read<T>(_id: string, fn: (d: Y.Doc) => T): Promise<T> {
      rooms.loads++;
      return fn(doc);
    },
  };
  return rooms;
}

function setup(fail?: unknown, saveVersion?: CommandServiceDeps['saveVersion']) {
  const rooms = countingRooms(fail);
  const rows: AuditEvent[] = [];
  const audit: AuditLog = { record: async (e) => void rows.push(e) };
  const titles: string[] = [];
  const store = {
    meetings: {
      renameMeeting: async (_id: string, title: string) => void titles.push(title),
      setMeetingStatus: async () => undefined,
    },
    versions: {
      get: async (_m: string, id: string) =>
        id === 'v1'
          ? { id, label: 'Empty', kind: 'manual', snapshot: Y.encodeStateAsUpdate(new Y.Doc()) }
          : null,
    },
  } as unknown as Store;
  let clock = 1_000;
  const deps: CommandServiceDeps = {
    rooms,
    audit,
    store,
    now: () => ++clock,
    ids: () => 'id',
    ...(saveVersion ? { saveVersion } : {}),
  };
  const run = (role: Actor['role'], body: unknown) =>
    runCommand(deps, { meetingId: MEETING, actor: actor(role), body });
  return { rooms, rows, titles, run };
}

describe('runCommand', () => {
  it("refuses an observer's forbidden command before any room load or lock, and audits it", async () => {
    const { rooms, rows, run } = setup();
    const outcome = await run('observer', { type: 'queue.grant' });
    expect(outcome).toMatchObject({ ok: false, status: 403, code: ErrorCode.forbidden });
    expect(rooms.loads).toBe(0);
    expect(rows).toMatchObject([
      { userId: 'observer', action: 'queue.grant', result: 'forbidden' },
    ]);
  });

  it('refuses a body that is no command with 400 and no room load', async () => {
    const { rooms, rows, run } = setup();
    expect(await run('chair', { type: 'queue.jump' })).toMatchObject({ ok: false, status: 400 });
    expect(rooms.loads).toBe(0);
    expect(rows).toMatchObject([{ action: 'invalid', result: 'unknown_command' }]);
  });

  it('applies, runs the after-commit effect, then audits the command whole', async () => {
    const { rooms, rows, titles, run } = setup();
    expect(await run('chair', { type: 'meeting.rename', title: 'Renamed' })).toEqual({
      ok: true,
      answer: {},
    });
    expect(readMeeting(rooms.doc).title).toBe('Renamed');
    expect(titles).toEqual(['Renamed']);
    expect(rows).toMatchObject([
      { action: 'meeting.rename', result: 'ok', payload: { type: 'meeting.rename' } },
    ]);
  });

  it('audits a store outage as unavailable and rethrows it (the route answers 503)', async () => {
    // The room's error for a commit the store refused (matched by name, as `isStoreUnavailable` does).
    const outage = Object.assign(new Error('store unavailable'), { name: 'StoreUnavailableError' });
    const { rows, run } = setup(outage);
    await expect(run('chair', { type: 'queue.grant' })).rejects.toBe(outage);
    expect(rows).toMatchObject([{ action: 'queue.grant', result: ErrorCode.unavailable }]);
  });

  it('saves a version by itself when the meeting closes, after the command applied', async () => {
    const saved: Array<{ kind?: string; label: string; state: Uint8Array }> = [];
    const { rooms, rows, run } = setup(undefined, async (v) => void saved.push(v));
    await run('chair', { type: 'meeting.setStatus', status: 'live' });
    expect(saved).toEqual([]);
    await run('chair', { type: 'meeting.setStatus', status: 'closed' });
    expect(saved).toMatchObject([{ kind: 'closed', label: '' }]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, saved[0]!.state);
    expect(readMeeting(copy).status).toBe('closed');
    expect(readMeeting(rooms.doc).status).toBe('closed');
    expect(rows.map((r) => r.result)).toEqual(['ok', 'ok']);
  });

  it('audits a failed automatic version save as what it is and rethrows (the answer and the row agree)', async () => {
    const outage = Object.assign(new Error('store unavailable'), { name: 'StoreUnavailableError' });
    const { rows, run } = setup(undefined, async () => {
      throw outage;
    });
    await run('chair', { type: 'meeting.setStatus', status: 'live' });
    rows.length = 0;
    await expect(run('chair', { type: 'meeting.setStatus', status: 'closed' })).rejects.toBe(
      outage,
    );
    expect(rows).toMatchObject([{ action: 'meeting.setStatus', result: ErrorCode.unavailable }]);
  });

  it('refuses version.restore where versions cannot be saved (503), before any room load', async () => {
    const { rooms, rows, run } = setup();
    expect(await run('chair', { type: 'version.restore', versionId: 'v1' })).toMatchObject({
      ok: false,
      status: 503,
      code: ErrorCode.unavailable,
    });
    expect(rooms.loads).toBe(0);
    expect(rows).toMatchObject([{ action: 'version.restore', result: ErrorCode.unavailable }]);
  });

  it('a restore whose "before" version cannot be stored changes nothing', async () => {
    const outage = Object.assign(new Error('store unavailable'), { name: 'StoreUnavailableError' });
    let fail = true;
    const saved: Array<{ kind?: string }> = [];
    const { rooms, rows, run } = setup(undefined, async (v) => {
      if (fail) throw outage;
      saved.push(v);
    });
    await run('chair', { type: 'agenda.add', title: 'Item' });
    const before = Y.encodeStateAsUpdate(rooms.doc);
    rows.length = 0;
    await expect(run('chair', { type: 'version.restore', versionId: 'v1' })).rejects.toBe(outage);
    expect(Y.encodeStateAsUpdate(rooms.doc)).toEqual(before);
    expect(rows).toMatchObject([{ action: 'version.restore', result: ErrorCode.unavailable }]);
    // With the store back: saved first, once (nothing changed in between), then applied.
    fail = false;
    expect(await run('chair', { type: 'version.restore', versionId: 'v1' })).toMatchObject({
      ok: true,
    });
    expect(saved.map((v) => v.kind)).toEqual(['restore']);
  });

  it('audits a failure that is no outage as internal_error, not unavailable (the route answers 500)', async () => {
    const bug = new TypeError('boom');
    const { rows, run } = setup(bug);
    await expect(run('chair', { type: 'queue.grant' })).rejects.toBe(bug);
    expect(rows).toMatchObject([{ action: 'queue.grant', result: ErrorCode.internal }]);
  });
});
