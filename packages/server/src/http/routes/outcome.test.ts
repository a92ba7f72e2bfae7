import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type {
  Minutes,
  RecommendationAuthorship,
  RecommendationsDiff,
  SpeakingStats,
} from '@kenes/shared';
import { T0, cast } from '../../test-support/outcomeScript.js';
import { createOutcomeHarness, type OutcomeHarness } from '../../test-support/outcomeHarness.js';

const sec = (n: number) => n * 1000;
let o: OutcomeHarness;
afterEach(async () => {
  await o.cleanup();
});

describe('GET /meetings/:id/minutes and /stats', () => {
  it('serve the scripted meeting’s figures to any member, 404 to others', async () => {
    o = await createOutcomeHarness();
    const res = await o.get(`/meetings/${o.meetingId}/minutes`);
    expect(res.status).toBe(200);
    const minutes = (await res.json()) as Minutes;
    expect(minutes.openedAt).toBe(T0);
    expect(minutes.items.map((i) => [i.title, i.plannedMinutes, i.actualMs, i.speakingMs])).toEqual(
      [
        ['Ensuring gender equality', 30, sec(540), sec(195)],
        ['Combating violence against women', 20, sec(140), sec(45)],
      ],
    );
    expect(
      minutes.items[0]!.interventions.map((i) => [i.speaker, i.organisation, i.kind, i.durationMs]),
    ).toEqual([
      ['Alice', 'Ombudsman Office', 'speak', sec(120)],
      ['Bob', 'Women NGO Alliance', 'speak', sec(75)],
    ]);
    expect(minutes.items[0]!.recommendations[0]).toMatchObject({
      status: 'agreed',
      statusChangedAt: T0 + sec(750),
    });

    const stats = (await (await o.get(`/meetings/${o.meetingId}/stats`)).json()) as SpeakingStats;
    expect(stats.total).toEqual({ durationMs: sec(240), interventions: 3, speakers: 3 });
    // Two women and one man declared: each group is under three people, so no breakdown could
    // be shown without singling someone out (the man's minutes are on the minutes page).
    expect(stats.byGender).toBeNull();
    expect(stats.genderHidden).toBe('small_group');
    expect(JSON.stringify(stats)).not.toMatch(/female|male/);

    expect((await o.get(`/meetings/${o.meetingId}/minutes`, o.stranger)).status).toBe(404);
    expect((await o.h.call('GET', `/meetings/${o.meetingId}/stats`)).status).toBe(401);
  });

  it('hides the gender breakdown when fewer than three speakers declared one', async () => {
    o = await createOutcomeHarness({ genders: { dana: null } });
    const stats = (await (await o.get(`/meetings/${o.meetingId}/stats`)).json()) as SpeakingStats;
    expect(stats.byGender).toBeNull();
    expect(stats.genderHidden).toBe('too_few_declared');
    expect(JSON.stringify(stats)).not.toMatch(/female|male/);
  });
});

describe('GET /meetings/:id/authorship', () => {
  it('colours each run by the organisation bound to its client id', async () => {
    o = await createOutcomeHarness();
    const res = await o.get(`/meetings/${o.meetingId}/authorship`);
    expect(res.status).toBe(200);
    const { recommendations } = (await res.json()) as {
      recommendations: RecommendationAuthorship[];
    };
    const list = recommendations[0]!.blocks[2]!.runs.map((r) => [
      r.organisation,
      r.orgType,
      r.text,
    ]);
    expect(list).toEqual([
      ['Women NGO Alliance', 'ngo', 'Quotas in parliament'],
      ['Ombudsman Office', 'nhri', ' by 2030'],
    ]);
    expect(recommendations[1]!.organisations.map((x) => x.organisation)).toEqual([
      'Women NGO Alliance',
      'Mazhilis Social Committee',
    ]);
  });
});

describe('versions: a saved version stays, the diff names what changed', () => {
  it('keeps the version text while the live text moves on', async () => {
    o = await createOutcomeHarness();
    const { m, meetingId } = o;
    const saved = await o.h.call('POST', `/meetings/${meetingId}/commands`, {
      cookie: o.chair,
      body: { type: 'version.save', label: 'After item 2' },
    });
    expect(await saved.json()).toMatchObject({ ok: true, versionId: 'v1' });

    // Bob rewrites "Train the police" → "Train police and judges"; dana's paragraph is deleted; a rec is added.
    m.editor.bob.edit(m.rec2, (f) => {
      const t = (((f.get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;
      t.delete('Train '.length, 'the '.length);
      t.insert(t.length, ' and judges');
    });
    m.editor.dana.edit(m.rec2, (f) => f.delete(1, 1));
    const added = await o.h.call('POST', `/meetings/${meetingId}/commands`, {
      cookie: o.chair,
      body: { type: 'rec.create', agendaItemId: m.item1, title: 'Data collection' },
    });
    expect(added.status).toBe(200);

    const version = (await (await o.get(`/meetings/${meetingId}/versions/v1`)).json()) as {
      content: { recommendations: Array<{ id: string; text: string }> };
    };
    expect(version.content.recommendations.map((r) => r.text)).toEqual([
      'Preamble\nThe State shall adopt a law on equal rights.\nQuotas in parliament by 2030\nEqual pay audits',
      'Open shelters in every region\nTrain the police\nFunded from the state budget.',
    ]);

    const res = await o.get(`/meetings/${meetingId}/versions/v1/diff`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as RecommendationsDiff & { version: { label: string } };
    expect(diff.version.label).toBe('After item 2');
    expect(diff.summary).toEqual({ added: 1, removed: 0, changed: 1, unchanged: 1 });
    const rec2 = diff.recommendations.find((r) => r.id === m.rec2)!;
    expect(rec2.change).toBe('changed');
    const words = (op: string) =>
      rec2.segments
        .filter((s) => s.op === op)
        .map((s) => s.text)
        .join(' ')
        .split(/\s+/)
        .filter(Boolean);
    expect(words('removed')).toEqual(['the', 'Funded', 'from', 'the', 'state', 'budget.']);
    expect(words('added')).toEqual(['and', 'judges']);
    expect(diff.recommendations.find((r) => r.change === 'added')).toMatchObject({
      title: 'Data collection',
      segments: [],
    });
    expect((await o.get(`/meetings/${meetingId}/versions/nope/diff`)).status).toBe(404);
  });
});

describe('GET /meetings/:id/audit filters', () => {
  it('filters by action, action group and user for the chair', async () => {
    o = await createOutcomeHarness();
    const list = async (query: string) => {
      const res = await o.get(`/meetings/${o.meetingId}/audit?${query}`, o.chair);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: Array<{ action: string; userId: string }> }).entries;
    };
    expect((await list('action=rec.endorse')).map((e) => e.userId)).toEqual([
      cast.alice.userId,
      cast.dana.userId,
      cast.bob.userId,
    ]);
    expect((await list('action=queue&userId=u-bob')).map((e) => e.action)).toEqual([
      'queue.withdraw',
      'queue.request',
      'queue.request',
    ]);
    expect((await o.get(`/meetings/${o.meetingId}/audit?action=queue`)).status).toBe(403);
  });
});
