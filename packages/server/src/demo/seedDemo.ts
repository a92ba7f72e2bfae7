import { randomUUID } from 'node:crypto';
import type { Command } from '@kenes/shared';
import { createAuditLog } from '../audit/auditLog.js';
import type { PasswordHasher } from '../auth/passwords.js';
import { normaliseEmail } from '../auth/users.js';
import type { Actor } from '../commands/context.js';
import { runCommand, type CommandServiceDeps } from '../commands/runCommand.js';
import type { Store } from '../store/Store.js';
import type { RoomAccess } from '../sync/interfaces.js';
import {
  DEMO_AGENDA,
  DEMO_DETAILS,
  DEMO_MEETING_ID,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  type DemoPerson,
} from './demoMeeting.js';
import { writeAsMember } from './writeAsMember.js';

/**
 * Seeds the demo meeting of `demoMeeting.ts` through the server's own paths:
 * accounts and memberships through the store, everything in the document
 * through commands (`runCommand`: the role table, the handlers, the audit
 * rows), recommendation texts typed by their proposers over the sync socket
 * (`writeAsMember`). The session is replayed on a clock that starts some
 * 35 minutes ago, so turns have real lengths and the record reads as a
 * morning's work. Idempotent: when the meeting exists nothing is written.
 */

/** What the seed writes with: a running server's rooms and its address. */
export interface SeedDeps {
  store: Store;
  rooms: RoomAccess;
  hasher: PasswordHasher;
  /** `http://127.0.0.1:<port>` of the server that owns `rooms`. */
  baseUrl: string;
  /** Its PUBLIC_ORIGIN. */
  origin: string;
  /** Wall clock, epoch ms (default `Date.now`). */
  now?: () => number;
}

/** What a seed run did. */
export interface SeedResult {
  /** False when the demo meeting was already there (nothing written). */
  created: boolean;
  meetingId: string;
  accounts: ReadonlyArray<Pick<DemoPerson, 'email' | 'name' | 'organisation' | 'role'>>;
  password: string;
}

/** How long ago the replayed session began. */
const SESSION_START_AGO_MS = 35 * 60_000;

/** What a run reports: the meeting and the accounts to sign in with. */
export function demoSeedResult(created: boolean): SeedResult {
  return {
    created,
    meetingId: DEMO_MEETING_ID,
    accounts: DEMO_PEOPLE.map(({ email, name, organisation, role }) => ({
      email,
      name,
      organisation,
      role,
    })),
    password: DEMO_PASSWORD,
  };
}

/** True when the demo meeting exists (a second run writes nothing). */
export async function isDemoSeeded(store: Store): Promise<boolean> {
  return (await store.meetings.meetingById(DEMO_MEETING_ID)) !== null;
}

/** Creates the accounts that do not exist yet; returns every person's user id by key. */
async function ensureUsers(deps: SeedDeps, at: number): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const passwordHash = await deps.hasher.hash(DEMO_PASSWORD);
  for (const p of DEMO_PEOPLE) {
    const email = normaliseEmail(p.email);
    const existing = await deps.store.accounts.userByEmail(email);
    if (existing) {
      ids.set(p.key, existing.id);
      continue;
    }
    const id = randomUUID();
    await deps.store.accounts.createUser({
      id,
      email,
      passwordHash,
      name: p.name,
      organisation: p.organisation,
      orgType: p.orgType,
      language: 'en',
      gender: p.gender,
      createdAt: at,
    });
    ids.set(p.key, id);
  }
  return ids;
}

/**
 * Seeds the demo meeting unless it exists.
 *
 * @example const result = await seedDemo({ store, rooms, hasher, baseUrl, origin });
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedResult> {
  const wall = deps.now ?? Date.now;
  if (await isDemoSeeded(deps.store)) return demoSeedResult(false);

  // The replayed session's clock: each step moves it on, never past the wall clock.
  let clock = wall() - SESSION_START_AGO_MS;
  const startsAt = Math.floor(clock / 60_000) * 60_000;
  const after = (seconds: number) => (clock = Math.min(clock + seconds * 1000, wall()));

  const userIds = await ensureUsers(deps, clock);
  const actors = new Map<string, Actor>();
  for (const p of DEMO_PEOPLE) {
    actors.set(p.key, {
      userId: userIds.get(p.key)!,
      name: p.name,
      organisation: p.organisation,
      orgType: p.orgType,
      role: p.role,
    });
  }
  const chair = actors.get('mfa')!;
  // The meeting row and its chair in one statement, then the others with their organisations.
  await deps.store.meetings.createMeeting({
    id: DEMO_MEETING_ID,
    title: DEMO_DETAILS.title,
    startsAt,
    venue: DEMO_DETAILS.venue,
    createdBy: chair.userId,
    createdAt: clock,
  });
  for (const a of actors.values()) {
    if (a === chair) continue;
    await deps.store.meetings.putMember({
      meetingId: DEMO_MEETING_ID,
      userId: a.userId,
      role: a.role,
      joinedAt: clock,
      organisation: a.organisation,
      orgType: a.orgType,
    });
  }

  const service: CommandServiceDeps = {
    rooms: deps.rooms,
    audit: createAuditLog(deps.store.audit),
    store: deps.store,
    now: () => clock,
  };
  const run = async (who: string, command: Command): Promise<Record<string, unknown>> => {
    const outcome = await runCommand(service, {
      meetingId: DEMO_MEETING_ID,
      actor: actors.get(who)!,
      body: command,
    });
    if (!outcome.ok) throw new Error(`demo ${command.type} refused: ${outcome.message}`);
    return outcome.answer;
  };

  await run('mfa', { type: 'meeting.setDetails', ...DEMO_DETAILS, startsAt });
  const itemIds: string[] = [];
  for (const item of DEMO_AGENDA) {
    const { title, description, plannedMinutes } = item;
    const answer = await run('mfa', { type: 'agenda.add', title, description, plannedMinutes });
    itemIds.push(String(answer.itemId));
  }
  await run('mfa', { type: 'meeting.setStatus', status: 'live' });

  const texts: Array<{ by: string; recId: string; paragraphs: readonly string[] }> = [];
  // The items with a record: all but the last, which is still to come.
  const heard = DEMO_AGENDA.filter((i) => i.turns.length > 0 || i.waiting);
  for (const [index, item] of heard.entries()) {
    const itemId = itemIds[index]!;
    await run('mfa', { type: 'agenda.start', itemId });
    after(60);
    for (const [t, turn] of item.turns.entries()) {
      // A reply is asked while the turn it answers is under way (below); the others now.
      if (turn.kind !== 'reply') await run(turn.who, { type: 'queue.request', kind: turn.kind });
      after(5);
      await run('mfa', { type: 'queue.grant' });
      after(turn.seconds);
      const next = item.turns[t + 1];
      if (next?.kind === 'reply') await run(next.who, { type: 'queue.request', kind: 'reply' });
      await run('mfa', { type: 'queue.finish' });
      after(20);
    }
    for (const rec of item.recommendations) {
      const answer = await run(rec.by, {
        type: 'rec.create',
        agendaItemId: itemId,
        title: rec.title,
      });
      texts.push({ by: rec.by, recId: String(answer.recId), paragraphs: rec.paragraphs });
    }
    for (const who of item.waiting ?? []) await run(who, { type: 'queue.request', kind: 'speak' });
    if (index < heard.length - 1) await run('mfa', { type: 'agenda.complete', itemId });
  }

  for (const t of texts) {
    const person = DEMO_PEOPLE.find((p) => p.key === t.by)!;
    await writeAsMember({
      baseUrl: deps.baseUrl,
      origin: deps.origin,
      rooms: deps.rooms,
      meetingId: DEMO_MEETING_ID,
      email: person.email,
      password: DEMO_PASSWORD,
      recId: t.recId,
      paragraphs: t.paragraphs,
    });
  }
  return demoSeedResult(true);
}
