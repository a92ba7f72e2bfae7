import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import type { RoomAccess } from '../../sync/interfaces.js';
import type { Store } from '../../store/Store.js';
import { createApiHarness, type ApiHarness } from '../../test-support/apiHarness.js';
import { openTestStore, type TestStore } from '../../test-support/openTestStore.js';
import { createVersionSaver } from '../../versions/saveVersion.js';
import { commandRoutes, type CommandRouteDeps } from './commands.js';
import { versionRoutes } from './versions.js';

/** Rooms on in-memory docs: transact runs `fn` in one transaction, like the real room. */
function fakeRooms(): RoomAccess & { doc(id: string): Y.Doc } {
  const docs = new Map<string, Y.Doc>();
  const doc = (id: string) => docs.get(id) ?? docs.set(id, new Y.Doc()).get(id)!;
  return {
    doc,
    async transact(id, fn) {
      let out: ReturnType<typeof fn> | undefined;
      doc(id).transact(
        () => {
          out = fn(doc(id));
        },
        { source: 'server' },
      );
      return out as ReturnType<typeof fn>;
    },
    async read(id, fn) {
      return fn(doc(id));
    },
  };
}

// The saver must fit the command route's `saveVersion` seam (checked by tsc on this file).
const fitsCommandRoutes = (store: Store): CommandRouteDeps['saveVersion'] =>
  createVersionSaver(store);

describe('version routes', () => {
  let opened: TestStore;
  let h: ApiHarness;
  let rooms: ReturnType<typeof fakeRooms>;
  let chair: string;
  let observer: string;
  let stranger: string;
  let meetingId: string;
  let clock: number;

  beforeEach(async () => {
    opened = await openTestStore();
    const store = opened.store;
    rooms = fakeRooms();
    clock = Date.UTC(2030, 0, 1);
    let seq = 0;
    let versionSeq = 0;
    const commands = commandRoutes({
      rooms,
      store,
      now: () => clock,
      ids: () => `id${++seq}`,
      saveVersion: createVersionSaver(store, () => `v${++versionSeq}`),
    });
    const versions = versionRoutes({ store });
    h = await createApiHarness({
      store,
      mount: (api, kit) => {
        commands(api, kit);
        versions(api, kit);
      },
    });
    chair = (await h.signup('chair@example.org')).cookie;
    const obs = await h.signup('olga@example.org');
    observer = obs.cookie;
    stranger = (await h.signup('stranger@example.org')).cookie;
    const res = await h.call('POST', '/meetings', { cookie: chair, body: { title: 'Dialogue' } });
    meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
    await store.meetings.putMember({
      meetingId,
      userId: obs.userId,
      role: 'observer',
      joinedAt: 0,
    });
  });
  afterEach(async () => {
    await h.cleanup();
    await opened.cleanup();
  });

  const command = async (body: unknown) => {
    const res = await h.call('POST', `/meetings/${meetingId}/commands`, { cookie: chair, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  /** An agenda item and a recommendation whose body says `text`. */
  async function recommendation(text: string): Promise<string> {
    const { itemId } = await command({ type: 'agenda.add', title: 'Opening' });
    const { recId } = await command({ type: 'rec.create', agendaItemId: itemId, title: 'Rec' });
    const frag = meetingRoots(rooms.doc(meetingId)).texts.get(recId as string)!;
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    frag.insert(frag.length, [p]);
    return recId as string;
  }

  it('saves a version through version.save and lists it, newest first, for any member', async () => {
    expect(fitsCommandRoutes(opened.store)).toBeTypeOf('function');
    await recommendation('First text');
    expect(await command({ type: 'version.save', label: 'Draft' })).toEqual({
      ok: true,
      label: 'Draft',
      versionId: 'v1',
    });
    clock += 60_000;
    await command({ type: 'version.save', label: 'Final' });

    const res = await h.call('GET', `/meetings/${meetingId}/versions`, { cookie: observer });
    expect(res.status).toBe(200);
    const { versions } = (await res.json()) as { versions: Array<Record<string, unknown>> };
    expect(versions.map((v) => v.label)).toEqual(['Final', 'Draft']);
    expect(versions[1]).toEqual({
      id: 'v1',
      meetingId,
      label: 'Draft',
      kind: 'manual',
      createdBy: expect.any(String),
      createdAt: Date.UTC(2030, 0, 1),
    });
  });

  it('serves one version with the document as it was when saved', async () => {
    const recId = await recommendation('Adopt the law');
    await command({ type: 'version.save', label: 'Draft' });
    // Later edits do not reach the saved version.
    meetingRoots(rooms.doc(meetingId))
      .texts.get(recId)!
      .insert(0, [new Y.XmlElement('paragraph')]);
    await command({ type: 'meeting.rename', title: 'Renamed' });

    const res = await h.call('GET', `/meetings/${meetingId}/versions/v1`, { cookie: observer });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      version: Record<string, unknown>;
      content: { meeting: { title: string }; agenda: unknown[]; recommendations: unknown[] };
    };
    expect(body.version).toMatchObject({ id: 'v1', label: 'Draft', meetingId });
    expect(body.version).not.toHaveProperty('snapshot');
    expect(body.content.agenda).toEqual([expect.objectContaining({ title: 'Opening' })]);
    expect(body.content.recommendations).toEqual([
      expect.objectContaining({ id: recId, title: 'Rec', status: 'draft', text: 'Adopt the law' }),
    ]);
    expect(body.content.meeting.title).not.toBe('Renamed');
  });

  it('answers 404 to a non-member, an unknown version and another meeting’s version', async () => {
    await command({ type: 'version.save', label: 'Draft' });
    for (const path of [`/meetings/${meetingId}/versions`, `/meetings/${meetingId}/versions/v1`]) {
      const res = await h.call('GET', path, { cookie: stranger });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const unknown = await h.call('GET', `/meetings/${meetingId}/versions/nope`, { cookie: chair });
    expect(unknown.status).toBe(404);

    const other = await h.call('POST', '/meetings', { cookie: chair, body: { title: 'Other' } });
    const otherId = ((await other.json()) as { meeting: { id: string } }).meeting.id;
    const cross = await h.call('GET', `/meetings/${otherId}/versions/v1`, { cookie: chair });
    expect(cross.status).toBe(404);
    const empty = await h.call('GET', `/meetings/${otherId}/versions`, { cookie: chair });
    expect(await empty.json()).toEqual({ versions: [] });
  });

  it('answers 401 without a session', async () => {
    const res = await h.call('GET', `/meetings/${meetingId}/versions`);
    expect(res.status).toBe(401);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const res = await h.call('GET', '/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/meetings/{id}/versions', '/meetings/{id}/versions/{versionId}']),
    );
  });
});
