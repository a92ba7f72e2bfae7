import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Outcome, VersionDiff, VersionList } from '@kenes/shared';
import { readOutcome } from '../../outcome/outcome.js';
import { createOutcomeHarness, type OutcomeHarness } from '../../test-support/outcomeHarness.js';

/**
 * Issue 18, history: versions saved by themselves (agreed, closed), any two
 * versions compared, and a version restored as a new, audited change that
 * loses nothing (the state before it is saved, later versions stay).
 */

let o: OutcomeHarness;
afterEach(async () => {
  await o.cleanup();
});

async function command(body: unknown, cookie = o.chair): Promise<Response> {
  return o.h.call('POST', `/meetings/${o.meetingId}/commands`, { cookie, body });
}

async function ok(body: unknown): Promise<Record<string, unknown>> {
  const res = await command(body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function versions(): Promise<VersionList['versions']> {
  return ((await (await o.get(`/meetings/${o.meetingId}/versions`)).json()) as VersionList)
    .versions;
}

/** The outcome's sections as the live route serves them. */
async function liveSections(): Promise<Outcome['sections']> {
  return ((await (await o.get(`/meetings/${o.meetingId}/outcome`)).json()) as Outcome).sections;
}

/** The outcome's sections of a saved version's snapshot. */
async function versionSections(versionId: string): Promise<Outcome['sections']> {
  const row = await o.store.versions.get(o.meetingId, versionId);
  if (!row) throw new Error(`no version ${versionId}`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.snapshot);
  return readOutcome(doc).sections;
}

/** Appends a paragraph to a recommendation's live text, as an editor would. */
function type(recId: string, text: string): void {
  o.m.editor.bob.edit(recId, (f) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    f.insert(f.length, [p]);
  });
}

describe('versions saved by themselves', () => {
  it('when a recommendation becomes agreed (once) and when the meeting closes', async () => {
    o = await createOutcomeHarness();
    const { m } = o;
    await ok({ type: 'rec.setStatus', recId: m.rec2, status: 'agreed' });
    // Agreed again: nothing new to save.
    await ok({ type: 'rec.setStatus', recId: m.rec2, status: 'agreed' });
    let list = await versions();
    expect(list.map((v) => [v.kind, v.label])).toEqual([['agreed', 'Fund shelters']]);
    // The version holds the text as agreed, status included.
    const agreed = (await versionSections(list[0]!.id))
      .flatMap((s) => s.recommendations)
      .find((r) => r.id === m.rec2);
    expect(agreed?.status).toBe('agreed');

    await ok({ type: 'meeting.setStatus', status: 'closed' });
    list = await versions();
    expect(list.map((v) => [v.kind, v.label])).toEqual([
      ['closed', ''],
      ['agreed', 'Fund shelters'],
    ]);
    // Setting it back and agreeing again saves a new version.
    await ok({ type: 'meeting.setStatus', status: 'live' });
    await ok({ type: 'rec.setStatus', recId: m.rec2, status: 'draft' });
    await ok({ type: 'rec.setStatus', recId: m.rec2, status: 'agreed' });
    expect((await versions()).filter((v) => v.kind === 'agreed')).toHaveLength(2);
  });
});

describe('comparing two versions', () => {
  it('diffs a version against a later one (`to`), not the live text', async () => {
    o = await createOutcomeHarness();
    const { m } = o;
    const first = (await ok({ type: 'version.save', label: 'First' })).versionId as string;
    type(m.rec2, 'Fund legal aid');
    const second = (await ok({ type: 'version.save', label: 'Second' })).versionId as string;
    type(m.rec2, 'Live only');

    const res = await o.get(`/meetings/${o.meetingId}/versions/${first}/diff?to=${second}`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as VersionDiff;
    expect(diff.version.label).toBe('First');
    expect(diff.to?.label).toBe('Second');
    const rec2 = diff.recommendations.find((r) => r.id === m.rec2)!;
    const added = rec2.segments
      .filter((s) => s.op === 'added')
      .map((s) => s.text)
      .join('');
    expect(added).toContain('Fund legal aid');
    expect(added).not.toContain('Live only');
    expect(diff.summary).toMatchObject({ changed: 1, unchanged: 1 });

    // Against the live document, as before: `to` null.
    const live = (await (
      await o.get(`/meetings/${o.meetingId}/versions/${first}/diff`)
    ).json()) as VersionDiff;
    expect(live.to).toBeNull();
    expect(JSON.stringify(live.recommendations)).toContain('Live only');

    expect((await o.get(`/meetings/${o.meetingId}/versions/${first}/diff?to=nope`)).status).toBe(
      404,
    );
  });
});

describe('version.restore', () => {
  it('the recommendations become the version’s, as an audited change; nothing is lost', async () => {
    o = await createOutcomeHarness();
    const { m } = o;
    const v1 = (await ok({ type: 'version.save', label: 'Before lunch' })).versionId as string;
    const atV1 = await versionSections(v1);

    // Afterwards: a text rewritten, a title changed, a recommendation added, one removed.
    type(m.rec2, 'Added after lunch');
    await ok({ type: 'rec.rename', recId: m.rec2, title: 'Fund shelters and hotlines' });
    const added = (await ok({ type: 'rec.create', agendaItemId: m.item1, title: 'Data' }))
      .recId as string;
    type(added, 'Collect data by sex');
    await ok({ type: 'rec.setStatus', recId: m.rec1, status: 'draft' });
    await ok({ type: 'rec.remove', recId: m.rec1 });
    const v2 = (await ok({ type: 'version.save', label: 'After lunch' })).versionId as string;
    type(m.rec2, 'Typed after the last version');
    const beforeRestore = await liveSections();
    expect(beforeRestore).not.toEqual(atV1);

    // Only the chair.
    const byObserver = await command({ type: 'version.restore', versionId: v1 }, o.observer);
    expect(byObserver.status).toBe(403);
    expect((await command({ type: 'version.restore', versionId: 'nope' })).status).toBe(404);

    const restored = await ok({ type: 'version.restore', versionId: v1 });
    expect(restored).toMatchObject({ ok: true, title: 'Before lunch' });

    // The document's recommendations equal the version's outcome tree.
    expect(await liveSections()).toEqual(atV1);

    // The state just before the restore is a version of its own; later versions stay.
    const list = await versions();
    expect(list.map((v) => v.id)).toEqual(expect.arrayContaining([v1, v2]));
    const kept = list.find((v) => v.kind === 'restore');
    expect(kept).toMatchObject({ label: 'Before lunch' });
    expect(await versionSections(kept!.id)).toEqual(beforeRestore);

    // Audited: who restored which version.
    const audit = await o.store.audit.list(o.meetingId, { action: 'version.restore' });
    const row = audit.find((e) => e.result === 'ok');
    expect(JSON.parse(row!.payload)).toEqual({
      type: 'version.restore',
      versionId: v1,
      title: 'Before lunch',
    });

    // Restoring the later version brings its state back: history is kept both ways.
    await ok({ type: 'version.restore', versionId: v2 });
    expect(await liveSections()).toEqual(await versionSections(v2));
  });

  it('is refused in a closed meeting (read-only) and leaves the texts unchanged', async () => {
    o = await createOutcomeHarness();
    const v1 = (await ok({ type: 'version.save', label: 'One' })).versionId as string;
    type(o.m.rec2, 'More');
    await ok({ type: 'meeting.setStatus', status: 'closed' });
    const before = await liveSections();
    const res = await command({ type: 'version.restore', versionId: v1 });
    expect(res.status).toBe(409);
    expect(await liveSections()).toEqual(before);
  });
});
