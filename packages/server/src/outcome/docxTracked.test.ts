import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots, type Block, type OutcomeDocument } from '@kenes/shared';
import { suggestionFormat } from '../test-support/suggestionFormat.js';
import { outcomeDocx, type TrackedExport } from './exportDocx.js';
import { fragmentBlocks, type SuggestionReading } from './richText.js';

const NGO = 'u-ngo';
const MINISTRY = 'u-ministry';
const GONE = 'u-gone';
const organisations = new Map([
  [NGO, 'Union of Crisis Centres'],
  [MINISTRY, 'Ministry of Justice & "Legal" <Affairs>'],
]);
const tracked: TrackedExport = { organisationOf: (id) => organisations.get(id) };
/** When the NGO suggested its insertion (the mark's `at`); the other marks carry no time. */
const SUGGESTED_AT = Date.UTC(2030, 0, 15, 9, 41, 7, 500);

/**
 * A body as y-prosemirror stores suggestions: "Adopt the gender equality law now." where the
 * NGO suggests inserting " gender equality" and deleting "now", the ministry suggests deleting
 * " equality" of the NGO's insertion; a second paragraph with an insertion by someone who is no
 * member, and one with a malformed mark (an id not tied to its `by`).
 */
function body(reading: SuggestionReading): Block[] {
  const doc = new Y.Doc();
  const f = new Y.XmlFragment();
  meetingRoots(doc).texts.set('r1', f);
  const p1 = new Y.XmlElement('paragraph');
  const p2 = new Y.XmlElement('paragraph');
  const t1 = new Y.XmlText();
  const t2 = new Y.XmlText();
  p1.insert(0, [t1]);
  p2.insert(0, [t2]);
  f.insert(0, [p1, p2]);
  t1.insert(0, 'Adopt the law now.');
  t1.insert(
    9,
    ' gender equality',
    suggestionFormat('insertion', { id: `${NGO}:i1`, by: NGO, at: SUGGESTED_AT }),
  );
  // "Adopt the gender equality law now." — " equality" is 16..24, "now" 30..32.
  t1.format(16, 9, suggestionFormat('deletion', { id: `${MINISTRY}:d1`, by: MINISTRY }));
  t1.format(30, 3, suggestionFormat('deletion', { id: `${NGO}:d2`, by: NGO }));
  t2.insert(0, 'Report yearly.');
  t2.insert(6, ' to parliament', suggestionFormat('insertion', { id: `${GONE}:i3`, by: GONE }));
  t2.insert(28, ' (draft)', { 'insertion--abcdefgh': { id: 'forged', by: NGO } });
  return fragmentBlocks(f, reading);
}

function outcome(blocks: Block[]): OutcomeDocument {
  return {
    title: 'Dialogue',
    status: 'live',
    sections: [
      {
        item: { id: 'a1', title: 'Gender equality' },
        recommendations: [
          {
            id: 'r1',
            title: 'Adopt a law',
            status: 'discussed',
            proposerName: 'Dana Seitkali',
            proposerOrganisation: 'Union of Crisis Centres',
            endorsements: [],
            blocks,
          },
        ],
      },
    ],
  };
}

async function files(bytes: Uint8Array): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

const options = { lang: 'en', timeZone: 'UTC', generatedAt: Date.UTC(2030, 0, 15, 10) } as const;

/** The text of some document XML: `w:t` and `w:delText` in order. */
function plain(xml: string): string {
  return [...xml.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)]
    .map((m) => m[1])
    .join('');
}

/** Each `<w:ins>` or `<w:del>` element: its attributes and the text inside. */
function changes(xml: string, tag: 'ins' | 'del') {
  return [...xml.matchAll(new RegExp(`<w:${tag} ([^>]*)>([\\s\\S]*?)</w:${tag}>`, 'g'))].map(
    (m) => ({
      id: /w:id="([^"]*)"/.exec(m[1]!)?.[1],
      author: /w:author="([^"]*)"/.exec(m[1]!)?.[1],
      date: /w:date="([^"]*)"/.exec(m[1]!)?.[1],
      text: plain(m[2]!),
      inner: m[2]!,
    }),
  );
}

describe('the outcome as Word with tracked changes (issue 18)', () => {
  it('writes insertions as w:ins and deletions as w:del, authored by the organisation', async () => {
    const out = await files(await outcomeDocx(outcome(body('tracked')), options, tracked));
    const xml = out['word/document.xml']!;
    const ins = changes(xml, 'ins');
    const del = changes(xml, 'del');
    expect(ins.map((c) => [c.author, c.text])).toEqual([
      ['Union of Crisis Centres', ' gender'],
      // The ministry's deletion of part of the NGO's insertion: a w:del inside the w:ins.
      ['Union of Crisis Centres', ' equality'],
      // Someone no member now: named as such, never by the user id in the mark.
      ['Former member', ' to parliament'],
    ]);
    expect(ins[1]!.inner).toMatch(
      /^<w:del [^>]*w:author="Ministry of Justice &amp; &quot;Legal&quot; &lt;Affairs&gt;"[^>]*><w:r>(<w:rPr\/>|<w:rPr><\/w:rPr>)?<w:delText[^>]*> equality<\/w:delText><\/w:r><\/w:del>$/,
    );
    expect(del.map((c) => [c.author, c.text])).toEqual([
      ['Ministry of Justice &amp; &quot;Legal&quot; &lt;Affairs&gt;', ' equality'],
      ['Union of Crisis Centres', 'now'],
    ]);
    // Deleted text is w:delText (Word shows it struck through, accepting removes it).
    expect(del[1]!.inner).toContain('<w:delText xml:space="preserve">now</w:delText>');
    // Ids unique in the document; the date is the mark's `at` (UTC, to the second), none without.
    const ids = [...ins, ...del].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ins.map((c) => c.date)).toEqual([
      '2030-01-15T09:41:07Z',
      '2030-01-15T09:41:07Z',
      undefined,
    ]);
    expect(del.map((c) => c.date)).toEqual([undefined, undefined]);
    // The whole text reads in order; the malformed mark is plain text, as in the clean export.
    expect(plain(xml)).toContain(
      'Adopt the gender equality law now.Report to parliament yearly. (draft)',
    );
    expect(xml).not.toContain(GONE);
    expect(xml).not.toContain('u-ngo');
    // The reader is told what the changes are; Word goes on tracking the reviewers' edits.
    expect(plain(xml)).toContain('Pending suggestions are shown as tracked changes');
    expect(out['word/settings.xml']).toContain('<w:trackRevisions/>');
  });

  it('leaves the clean export as it was: no tracked changes, pending insertions left out', async () => {
    const out = await files(await outcomeDocx(outcome(body('clean')), options));
    const xml = out['word/document.xml']!;
    expect(xml).not.toMatch(/<w:(ins|del)[ >]/);
    expect(plain(xml)).toContain('Adopt the law now.Report yearly. (draft)');
    expect(plain(xml)).not.toContain('tracked changes');
    expect(out['word/settings.xml']).not.toContain('trackRevisions');
  });

  it('keeps formatting and line breaks on tracked runs', async () => {
    const blocks: Block[] = [
      {
        type: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Keep ', marks: {} },
          { kind: 'break' },
          { kind: 'text', text: 'bold', marks: { bold: true }, suggested: { insertedBy: NGO } },
          { kind: 'text', text: 'old', marks: { italic: true }, suggested: { deletedBy: NGO } },
        ],
      },
    ];
    const xml = (await files(await outcomeDocx(outcome(blocks), options, tracked)))[
      'word/document.xml'
    ]!;
    const [ins] = changes(xml, 'ins');
    const [del] = changes(xml, 'del');
    expect(ins!.inner).toContain('<w:b/>');
    expect(ins!.inner).toContain('<w:br/>');
    expect(del!.inner).toContain('<w:i/>');
  });
});
