import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  listSuggestions,
  recommendationText,
  type Minutes,
  type OrganisationSuggestions,
} from '@kenes/shared';
import { cast } from '../../test-support/outcomeScript.js';
import { createOutcomeHarness, type OutcomeHarness } from '../../test-support/outcomeHarness.js';
import { suggestionFormat } from '../../test-support/suggestionFormat.js';

/**
 * The minutes' suggestions by organisation (issue 18), through the real
 * command route (its audit rows in SQLite), the minutes route and both
 * exports: decisions from the audit, pending suggestions from the live text,
 * organisations from the member records.
 */

let o: OutcomeHarness;
afterEach(async () => {
  await o?.cleanup();
});

const decide = (o: OutcomeHarness, body: Record<string, unknown>) =>
  o.h.call('POST', `/meetings/${o.meetingId}/commands`, {
    cookie: o.chair,
    body: { type: 'suggestion.decide', recId: o.m.rec2, ...body },
  });

/**
 * Suggestions in rec 2's closing paragraph "Funded from the state budget.":
 * bob (Women NGO Alliance) inserts " and donors" and strikes "Funded "; dana
 * (Mazhilis Social Committee) strikes "state "; someone who is no member
 * (a forged or long-gone `by`) inserts " soon".
 */
function suggest(o: OutcomeHarness): void {
  const fragment = recommendationText(o.m.doc, o.m.rec2)!;
  const para = fragment.get(fragment.length - 1) as Y.XmlElement;
  const text = para.get(0) as Y.XmlText;
  o.m.doc.transact(() => {
    text.insert(
      'Funded from the state budget'.length,
      ' and donors',
      suggestionFormat('insertion', { id: 'u-bob:ins1', by: cast.bob.userId, at: 1 }),
    );
    text.format(
      0,
      'Funded '.length,
      suggestionFormat('deletion', { id: 'u-bob:del1', by: 'u-bob' }),
    );
    text.format(
      'Funded from the '.length,
      'state '.length,
      suggestionFormat('deletion', { id: 'u-dana:del1', by: cast.dana.userId }),
    );
    text.insert(
      text.length - 1,
      ' soon',
      suggestionFormat('insertion', { id: 'u-gone:x1', by: 'u-gone' }),
    );
  });
  expect(listSuggestions(fragment).map((s) => [s.kind, s.by, s.text])).toEqual([
    ['deletion', 'u-bob', 'Funded '],
    ['deletion', 'u-dana', 'state '],
    ['insertion', 'u-bob', ' and donors'],
    ['insertion', 'u-gone', ' soon'],
  ]);
}

async function minutes(o: OutcomeHarness): Promise<Minutes> {
  const res = await o.get(`/meetings/${o.meetingId}/minutes`);
  expect(res.status).toBe(200);
  return (await res.json()) as Minutes;
}

describe('the minutes count suggestions by organisation', () => {
  it('one accepted, one rejected, the rest pending; an unknown suggester under Unknown; in both exports', async () => {
    o = await createOutcomeHarness();
    suggest(o);
    expect((await minutes(o)).suggestions).toEqual<OrganisationSuggestions[]>([
      { organisation: 'Women NGO Alliance', made: 2, accepted: 0, rejected: 0, pending: 2 },
      { organisation: 'Mazhilis Social Committee', made: 1, accepted: 0, rejected: 0, pending: 1 },
      { organisation: null, made: 1, accepted: 0, rejected: 0, pending: 1 },
    ]);

    expect((await decide(o, { decision: 'accept', suggestionId: 'u-bob:ins1' })).status).toBe(200);
    expect(
      (await decide(o, { decision: 'reject', organisation: 'mazhilis social committee' })).status,
    ).toBe(200);
    const counted = (await minutes(o)).suggestions;
    expect(counted).toEqual<OrganisationSuggestions[]>([
      { organisation: 'Women NGO Alliance', made: 2, accepted: 1, rejected: 0, pending: 1 },
      { organisation: 'Mazhilis Social Committee', made: 1, accepted: 0, rejected: 1, pending: 0 },
      { organisation: null, made: 1, accepted: 0, rejected: 0, pending: 1 },
    ]);

    // The audit rows name the organisation and the decision, and carry the tally counted from.
    const rows = await o.store.audit.list(o.meetingId, { action: 'suggestion.decide', limit: 10 });
    expect(rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>)).toMatchObject([
      {
        decision: 'reject',
        tally: [{ by: 'u-dana', organisation: 'Mazhilis Social Committee', count: 1 }],
        decided: [
          {
            id: 'u-dana:del1',
            kind: 'deletion',
            organisation: 'Mazhilis Social Committee',
            text: 'state ',
          },
        ],
      },
      {
        decision: 'accept',
        tally: [{ by: 'u-bob', organisation: 'Women NGO Alliance', count: 1 }],
        decided: [{ id: 'u-bob:ins1', kind: 'insertion', text: ' and donors' }],
      },
    ]);

    const md = await (
      await o.get(`/meetings/${o.meetingId}/export?doc=minutes&format=md&lang=en`)
    ).text();
    expect(md).toContain('## Suggestions by organisation');
    expect(md).toContain('| Organisation | Made | Accepted | Rejected | Pending |');
    expect(md).toContain('| Women NGO Alliance | 2 | 1 | 0 | 1 |');
    expect(md).toContain('| Mazhilis Social Committee | 1 | 0 | 1 | 0 |');
    expect(md).toContain('| *Unknown* | 1 | 0 | 0 | 1 |');

    const res = await o.get(`/meetings/${o.meetingId}/export?doc=minutes&format=docx&lang=ru`);
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
    const cells = (xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) =>
      (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) =>
        [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      ),
    );
    expect(cells.slice(-4)).toEqual([
      ['Организация', 'Внесено', 'Принято', 'Отклонено', 'На рассмотрении'],
      ['Women NGO Alliance', '2', '1', '0', '1'],
      ['Mazhilis Social Committee', '1', '0', '1', '0'],
      ['Неизвестно', '1', '0', '0', '1'],
    ]);
    expect(xml).toContain('Предложения по организациям');
  });

  it('still counts rows written before the tally, whole or cut at the old 4,000-character limit', async () => {
    o = await createOutcomeHarness();
    const entry = (id: string, by: string, organisation: string) =>
      JSON.stringify({ id, kind: 'insertion', by, organisation, text: 'x'.repeat(500) });
    const old = (decision: string, entries: string[]) =>
      `{"type":"suggestion.decide","recId":"${o.m.rec2}","decision":"${decision}","title":"Fund shelters","decided":[${entries.join(',')}]}`;
    const whole = old('accept', [entry('u-bob:a', 'u-bob', 'Women NGO Alliance')]);
    // Ten entries of ~604 characters: the old limit cut the row in its seventh entry (no JSON).
    const long = old(
      'reject',
      Array.from({ length: 10 }, (_, i) =>
        entry(`u-dana:r${i}`, 'u-dana', 'Mazhilis Social Committee'),
      ),
    );
    const cut = `${long.slice(0, 4_000)}…`;
    expect(() => JSON.parse(cut)).toThrow();
    const row = (id: number, payload: string) => ({
      meetingId: o.meetingId,
      userId: 'u-chair',
      action: 'suggestion.decide',
      result: 'ok',
      payload,
      at: 1_000 + id,
    });
    await o.store.audit.add(row(1, whole));
    await o.store.audit.add(row(2, cut));
    // A refused decision and another action's row are not decisions.
    await o.store.audit.add({ ...row(3, whole), result: 'stale' });
    await o.store.audit.add({ ...row(4, whole), action: 'rec.setStatus' });
    const counted = (await minutes(o)).suggestions;
    // The cut row: the entries whose suggester came through — seven of the ten (~604 characters
    // each after a ~100-character head: six whole, the seventh cut in its text).
    const survived = 7;
    expect(counted).toEqual([
      {
        organisation: 'Mazhilis Social Committee',
        made: survived,
        accepted: 0,
        rejected: survived,
        pending: 0,
      },
      { organisation: 'Women NGO Alliance', made: 1, accepted: 1, rejected: 0, pending: 0 },
    ]);
  });
});
