import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAgenda, readMeeting, readQueue, readRecommendations } from '@kenes/shared';
import type { Actor } from '../commands/context.js';
import { CommandHarness, people } from '../test-support/commandHarness.js';
import { outcomeDocx, minutesDocx } from './exportDocx.js';
import { minutesMarkdown, outcomeMarkdown } from './exportMarkdown.js';
import { buildMinutes } from './minutes.js';
import { readOutcome } from './outcome.js';

const ministry: Actor = {
  userId: 'u-mvd',
  name: 'Yerlan',
  organisation: 'Ministry of Internal Affairs',
  orgType: 'government',
  role: 'participant',
};
const ngo: Actor = {
  userId: 'u-ngo',
  name: 'Dana',
  organisation: 'Kadir-Kasiyet',
  orgType: 'ngo',
  role: 'participant',
};
const RESERVATION = 'The figure of 30 shelters depends on the 2027 budget.';

/** A meeting with two recommendations: one agreed over a reservation, one still a draft with one. */
function meeting() {
  const { h, itemId } = CommandHarness.live();
  const agreed =
    h.ok(people.chair, { type: 'rec.create', agendaItemId: itemId, title: 'Fund shelters' })
      .recId ?? '';
  const draft =
    h.ok(people.chair, { type: 'rec.create', agendaItemId: itemId, title: 'Train police' }).recId ??
    '';
  h.ok(ministry, { type: 'position.set', recId: agreed, kind: 'reservation', text: RESERVATION });
  h.ok(ngo, { type: 'position.set', recId: agreed, kind: 'objects', text: 'Too few' });
  h.ok(ngo, { type: 'position.set', recId: agreed, kind: 'supports' });
  h.ok(people.chair, { type: 'rec.setStatus', recId: agreed, status: 'agreed' });
  h.ok(ministry, { type: 'position.set', recId: draft, kind: 'reservation', text: 'Not final' });
  const minutes = buildMinutes(
    {
      meeting: readMeeting(h.doc),
      agenda: readAgenda(h.doc),
      queue: readQueue(h.doc),
      recommendations: readRecommendations(h.doc),
    },
    [],
    h.now,
  );
  return { minutes, outcome: readOutcome(h.doc) };
}

const opts = { timeZone: 'UTC', generatedAt: Date.UTC(2030, 0, 15, 10, 0) };

describe('positions on the record', () => {
  it('the minutes list the positions at agreement, reservations in full; none for a draft', () => {
    const { minutes } = meeting();
    const [agreed, draft] = minutes.items[0]!.recommendations;
    expect(agreed?.agreedPositions).toEqual([
      {
        organisation: 'Ministry of Internal Affairs',
        orgType: 'government',
        kind: 'reservation',
        text: RESERVATION,
      },
      { organisation: 'Kadir-Kasiyet', orgType: 'ngo', kind: 'supports', text: '' },
    ]);
    expect(draft?.agreedPositions).toBeUndefined();
    const md = minutesMarkdown(minutes, { ...opts, lang: 'en' });
    expect(md).toContain('  - Positions when agreed:');
    expect(md).toContain(
      `    - Ministry of Internal Affairs (Government body): **reservation** — ${RESERVATION}`,
    );
    expect(md).toContain('    - Kadir-Kasiyet (NGO): **supports**');
    expect(md).not.toContain('Not final');
  });

  it('the outcome carries each reservation of an agreed text as a footnote (Markdown, en/ru/kk)', () => {
    const { outcome } = meeting();
    const en = outcomeMarkdown(outcome, { ...opts, lang: 'en' });
    expect(en).toContain('- **Status:** Agreed[^1]');
    expect(en).toContain(
      `[^1]: The Ministry of Internal Affairs entered a reservation: ${RESERVATION}`,
    );
    expect(en).not.toContain('[^2]');
    const ru = outcomeMarkdown(outcome, { ...opts, lang: 'ru' });
    expect(ru).toContain(
      `[^1]: Оговорка, заявленная организацией «Ministry of Internal Affairs»: ${RESERVATION}`,
    );
    const kk = outcomeMarkdown(outcome, { ...opts, lang: 'kk' });
    expect(kk).toContain(
      `[^1]: «Ministry of Internal Affairs» ұйымы ескертпе жасады: ${RESERVATION}`,
    );
  });

  it('a reservation cannot forge footnotes or markup in Markdown', () => {
    const { outcome } = meeting();
    const r = outcome.sections[0]!.recommendations[0]!;
    r.agreedPositions = [
      { organisation: 'X', orgType: 'ngo', kind: 'reservation', text: 'a\n[^9]: fake <b>x</b>' },
    ];
    const md = outcomeMarkdown(outcome, { ...opts, lang: 'en' });
    expect(md).toContain('[^1]: X entered a reservation: a \\[^9\\]: fake \\<b\\>x\\</b\\>');
    expect(md).not.toMatch(/^\[\^9\]/m);
  });

  it('the Word outcome has the reservation as a real footnote, referenced from the text', async () => {
    const { outcome } = meeting();
    for (const [lang, want] of [
      ['en', 'The Ministry of Internal Affairs entered a reservation'],
      ['ru', 'Оговорка, заявленная организацией «Ministry of Internal Affairs»'],
      ['kk', '«Ministry of Internal Affairs» ұйымы ескертпе жасады'],
    ] as const) {
      const files = unzipSync(await outcomeDocx(outcome, { ...opts, lang }));
      const footnotes = strFromU8(files['word/footnotes.xml']!);
      expect(footnotes).toContain(want);
      expect(footnotes).toContain(RESERVATION);
      expect(footnotes).toContain('w:id="1"');
      expect(strFromU8(files['word/document.xml']!)).toContain('<w:footnoteReference w:id="1"/>');
    }
  });

  it('the Word minutes list the positions at agreement', async () => {
    const { minutes } = meeting();
    const xml = strFromU8(
      unzipSync(await minutesDocx(minutes, { ...opts, lang: 'en' }))['word/document.xml']!,
    );
    expect(xml).toContain('Positions when agreed');
    expect(xml).toContain(RESERVATION);
  });
});
