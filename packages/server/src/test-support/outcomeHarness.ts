import * as Y from 'yjs';
import type { Language } from '@kenes/shared';
import { commandRoutes } from '../http/routes/commands.js';
import { exportRoutes } from '../http/routes/exports.js';
import { outcomeRoutes } from '../http/routes/outcome.js';
import { versionRoutes } from '../http/routes/versions.js';
import { cast, scriptMeeting, type ScriptedMeeting } from './outcomeScript.js';
import type { Store } from '../store/Store.js';
import type { RoomAccess } from '../sync/interfaces.js';
import { createVersionSaver } from '../versions/saveVersion.js';
import { createApiHarness, type ApiHarness } from './apiHarness.js';
import { openTestStore } from './openTestStore.js';

/** Rooms on in-memory docs; `transact` runs in one server-origin transaction like the real room. */
export function memoryRooms(): RoomAccess & { docs: Map<string, Y.Doc> } {
  const docs = new Map<string, Y.Doc>();
  const doc = (id: string) => docs.get(id) ?? docs.set(id, new Y.Doc()).get(id)!;
  return {
    docs,
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

/** The API with the outcome, export, version and command routes over the scripted meeting. */
export interface OutcomeHarness {
  h: ApiHarness;
  /** The store the routes use (versions, audit). */
  store: Store;
  m: ScriptedMeeting;
  meetingId: string;
  /** Session cookies: the chair (who created the meeting) and an observer. */
  chair: string;
  observer: string;
  stranger: string;
  get(path: string, cookie?: string): Promise<Response>;
  cleanup(): Promise<void>;
}

/**
 * Builds the harness: the scripted meeting's doc is the meeting's live doc,
 * its participants are accounts with the given self-declared genders, their
 * client ids are bound to them and the script's audit rows are stored.
 */
export async function createOutcomeHarness(
  opts: {
    genders?: Partial<Record<'alice' | 'bob' | 'dana', string | null>>;
    chairLanguage?: Language;
  } = {},
): Promise<OutcomeHarness> {
  const rooms = memoryRooms();
  const opened = await openTestStore();
  const store = opened.store;
  let versionSeq = 0;
  const m = scriptMeeting();
  // Routes read the harness clock at request time (it exists once the harness is built).
  let h: ApiHarness | null = null;
  const now = () => h!.clock.now;
  h = await createApiHarness({
    store,
    mount: (api, kit) => {
      commandRoutes({
        rooms,
        store,
        now,
        saveVersion: createVersionSaver(store, () => `v${++versionSeq}`),
      })(api, kit);
      versionRoutes({ store })(api, kit);
      outcomeRoutes({ store, rooms, now })(api, kit);
      exportRoutes({ store, rooms, now })(api, kit);
    },
  });
  h.clock.now = m.end + 60_000;

  const chair = await h.signup('chair@example.org', { language: opts.chairLanguage ?? 'en' });
  const obs = await h.signup('observer@example.org', {
    organisation: 'UNDP',
    orgType: 'international',
  });
  const stranger = await h.signup('stranger@example.org');
  const created = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Human-rights dialogue' },
  });
  const meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
  rooms.docs.set(meetingId, m.doc);
  await store.meetings.putMember({ meetingId, userId: obs.userId, role: 'observer', joinedAt: 1 });

  const genders = { alice: 'female', bob: 'male', dana: 'female', ...opts.genders };
  for (const key of ['alice', 'bob', 'dana'] as const) {
    const p = cast[key];
    await store.accounts.createUser({
      id: p.userId,
      email: `${key}@example.org`,
      passwordHash: 'x',
      name: p.name,
      organisation: p.organisation,
      orgType: p.orgType,
      language: 'en',
      gender: genders[key] ?? null,
      createdAt: 0,
    });
    await store.meetings.putMember({
      meetingId,
      userId: p.userId,
      role: 'participant',
      joinedAt: 2,
    });
  }
  for (const b of m.bindings) await store.docs.bindClients(meetingId, [b.clientId], b.userId);
  for (const { id: _id, ...row } of m.audit) await store.audit.add({ ...row, meetingId });

  const ready = h;
  return {
    h: ready,
    store,
    m,
    meetingId,
    chair: chair.cookie,
    observer: obs.cookie,
    stranger: stranger.cookie,
    get: (path, cookie = obs.cookie) => ready.call('GET', path, { cookie }),
    async cleanup() {
      await ready.cleanup();
      await opened.cleanup();
    },
  };
}
