import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgenda, readMeeting, readQueue, readRecommendations } from '@kenes/shared';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { loadAuthorship, loadStats } from '../outcome/sources.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { DEMO_AGENDA, DEMO_MEETING_ID, DEMO_PASSWORD, DEMO_PEOPLE } from './demoMeeting.js';
import { describeDemo, runDemoSeed } from './runDemoSeed.js';
import type { SeedResult } from './seedDemo.js';

/**
 * `pnpm demo`'s seed on a real SQLite file, run twice the way `demo.ts` runs
 * it: one meeting, its members with their organisations, the agenda, draft
 * recommendations whose text the minutes credit to their proposers, and a
 * record of finished turns.
 */
describe('the demo seed', () => {
  let dir: string;
  let config: Config;
  const logger = createLogger({ level: 'silent' });
  let first: SeedResult;
  let second: SeedResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenes-demo-'));
    config = loadConfig({ DATA_DIR: dir, PORT: '8787', LOG_LEVEL: 'silent' });
    first = await runDemoSeed(config, logger);
    second = await runDemoSeed(config, logger);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds once: the second run writes nothing and says so', async () => {
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.accounts).toEqual(first.accounts);
    expect(describeDemo(second, 'http://localhost:8787')).toMatch(/already seeded/);
    expect(describeDemo(first, 'http://localhost:8787')).toContain(DEMO_PASSWORD);
    const store = openSqliteStore(config.dbPath);
    try {
      const chair = await store.accounts.userByEmail('chair@demo.kenes.example');
      expect(chair).not.toBeNull();
      const meetings = await store.meetings.meetingsOfUser(chair!.id);
      expect(meetings.map((m) => m.id)).toEqual([DEMO_MEETING_ID]);
      expect(meetings[0]).toMatchObject({
        role: 'chair',
        status: 'live',
        venue: 'Ministry of Foreign Affairs, Astana',
      });
      expect(meetings[0]!.startsAt).toBeGreaterThan(Date.now() - 2 * 3_600_000);
    } finally {
      await store.close();
    }
  });

  it('gives every member the organisation, type and role of the script; some declare a gender', async () => {
    const store = openSqliteStore(config.dbPath);
    try {
      const members = await store.meetings.members(DEMO_MEETING_ID);
      expect(members).toHaveLength(DEMO_PEOPLE.length);
      for (const p of DEMO_PEOPLE) {
        const user = await store.accounts.userByEmail(p.email);
        expect(members.find((m) => m.userId === user!.id)).toMatchObject({
          organisation: p.organisation,
          orgType: p.orgType,
          role: p.role,
        });
        expect(user!.gender).toBe(p.gender);
      }
    } finally {
      await store.close();
    }
  });

  it('holds the agenda, the record of turns, and draft texts credited to their proposers', async () => {
    const store = openSqliteStore(config.dbPath);
    const kenes = createApp({ config, logger, store });
    try {
      const sources = { store, rooms: kenes.rooms };
      const doc = await kenes.rooms.read(DEMO_MEETING_ID, (d) => ({
        meeting: readMeeting(d),
        agenda: readAgenda(d),
        queue: readQueue(d),
        recs: readRecommendations(d),
      }));
      expect(doc.meeting).toMatchObject({
        status: 'live',
        venue: 'Ministry of Foreign Affairs, Astana',
      });
      expect(doc.agenda.map((i) => [i.title, i.status])).toEqual([
        [DEMO_AGENDA[0]!.title, 'done'],
        [DEMO_AGENDA[1]!.title, 'active'],
        [DEMO_AGENDA[2]!.title, 'pending'],
      ]);
      expect(doc.meeting.currentItemId).toBe(doc.agenda[1]!.id);

      // Finished turns with their lengths; two requests still wait on the item under way.
      const done = doc.queue.filter((e) => e.status === 'done');
      expect(done.map((e) => e.organisation)).toEqual([
        'Ministry of Labour and Social Protection of the Population',
        'Mazhilis of the Parliament',
        'Commissioner for Human Rights',
        'Ministry of Labour and Social Protection of the Population',
        'Association of Women with Disabilities',
        'Ministry of Internal Affairs',
        'Union of Crisis Centres',
        'Ministry of Internal Affairs',
      ]);
      expect(done.map((e) => e.kind)).toContain('reply');
      expect(done[0]!.endedAt! - done[0]!.grantedAt!).toBe(265_000);
      for (const e of done) expect(e.endedAt!).toBeLessThanOrEqual(Date.now());
      expect(doc.queue.filter((e) => e.status === 'waiting').map((e) => e.name)).toEqual([
        'Asel Nurpeisova',
        'Yerlan Sadykov',
      ]);

      const stats = await loadStats(sources, DEMO_MEETING_ID, Date.now());
      expect(stats.total.interventions).toBe(8);
      expect(
        stats.byOrgType
          .filter((b) => b.durationMs > 0)
          .map((b) => b.orgType)
          .sort(),
      ).toEqual(['government', 'ngo', 'nhri', 'parliament']);
      // Enough speakers declared a gender for the breakdown to show.
      expect(stats.genderHidden).toBeNull();
      expect(stats.byGender?.groups.map((g) => g.gender).sort()).toEqual(['female', 'male']);

      expect(doc.recs.map((r) => [r.status, r.proposerOrganisation])).toEqual([
        ['draft', 'Commissioner for Human Rights'],
        ['draft', 'Union of Crisis Centres'],
      ]);
      const authorship = await loadAuthorship(sources, DEMO_MEETING_ID);
      expect(authorship.map((r) => r.organisations.map((o) => o.organisation))).toEqual([
        ['Commissioner for Human Rights'],
        ['Union of Crisis Centres'],
      ]);
      const text = authorship[0]!.blocks.flatMap((b) => b.runs.map((r) => r.text)).join('');
      expect(text).toContain('publish, each year, the average pay of women and men');
    } finally {
      await kenes.shutdown();
      await store.close();
    }
  });
});
