import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { suggestingPlugin } from '@kenes/shared';
import { HeadlessEditor } from '../../test-support/headlessEditor.js';
import { createOutcomeHarness, type OutcomeHarness } from '../../test-support/outcomeHarness.js';
import { cast } from '../../test-support/outcomeScript.js';
import { attachmentDisposition, fileSlug } from './exports.js';

const run = promisify(execFile);
let o: OutcomeHarness;
afterEach(async () => {
  await o?.cleanup();
});

const exportPath = (o: OutcomeHarness, query: string) => `/meetings/${o.meetingId}/export?${query}`;

/** The `<w:p>` of document.xml whose text contains `text`. */
/** Converts `file` (a .docx in `dir`) to PDF with LibreOffice, as a reader would open it; answers the PDF's path. */
async function docxToPdf(dir: string, file: string): Promise<string> {
  const profile = pathToFileURL(join(dir, 'profile')).href;
  await run(
    'libreoffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { timeout: 150_000 },
  );
  return file.replace(/\.docx$/, '.pdf');
}

function paragraphWith(xml: string, text: string): string {
  const p = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g)?.find((para) => plain(para).includes(text));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
}

/** The `<w:r>` whose text is exactly `text`. */
function runWith(xml: string, text: string): string {
  const r = xml.match(/<w:r>[\s\S]*?<\/w:r>/g)?.find((run) => plain(run) === text);
  if (!r) throw new Error(`no run "${text}"`);
  return r;
}

function plain(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function docx(
  o: OutcomeHarness,
  query: string,
  cookie?: string,
): Promise<{ bytes: Uint8Array; files: Record<string, string>; res: Response }> {
  const res = await o.get(exportPath(o, query), cookie);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  const zip = unzipSync(bytes);
  return {
    bytes,
    files: Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)])),
    res,
  };
}

/** Each `<w:ins>` / `<w:del>` of some document XML: its author and the text inside. */
function tracked(xml: string, tag: 'ins' | 'del'): Array<[string | undefined, string]> {
  return [...xml.matchAll(new RegExp(`<w:${tag} ([^>]*)>([\\s\\S]*?)</w:${tag}>`, 'g'))].map(
    (m) => [
      /w:author="([^"]*)"/.exec(m[1]!)?.[1],
      [...m[2]!.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map((t) => t[1]).join(''),
    ],
  );
}

/**
 * Bob (Women NGO Alliance) in suggesting mode, through the real editor binding, on "Fund
 * shelters" (discussed): suggests inserting " and prosecutors" after "Train the police" and
 * deleting "state " from "Funded from the state budget.".
 */
function ngoSuggests(o: OutcomeHarness): void {
  const editor = new HeadlessEditor(o.m.doc, 9202, o.m.rec2);
  let n = 0;
  editor.plugins = [
    suggestingPlugin({
      userId: () => cast.bob.userId,
      suggesting: () => true,
      isRemote: () => false,
      random: () => (n++ * 0.377) % 1,
    }),
  ];
  editor.sync();
  Y.applyUpdate(
    o.m.doc,
    editor.apply(
      (e) => e.select(e.posOf('Train the police')),
      (st) => st.tr.insertText(' and prosecutors'),
    ),
  );
  Y.applyUpdate(
    o.m.doc,
    editor.apply(
      (e) => e.select(e.posOf('state ', true), e.posOf('state ')),
      (st) => st.tr.delete(st.selection.from, st.selection.to),
    ),
  );
}

const hasLibreOffice = await run('libreoffice', ['--version']).then(
  () => true,
  () => false,
);

describe('GET /meetings/:id/export', () => {
  it('exports the outcome document as Markdown with the right sections', async () => {
    o = await createOutcomeHarness();
    const res = await o.get(exportPath(o, 'doc=outcome&format=md'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Human-rights-dialogue-outcome-2030-01-15.md"; filename*=UTF-8\'\'Human-rights-dialogue-outcome-2030-01-15.md',
    );
    const md = await res.text();
    // The scripted doc has no title: the stored one stands in.
    expect(md).toContain('# Outcome document: Human-rights dialogue');
    expect(md).toContain('## Agenda item: Ensuring gender equality');
    expect(md).toContain('## Agenda item: Combating violence against women');
    expect(md).toContain('### 1. Adopt a gender equality law');
    expect(md).toContain('- **Status:** Agreed');
    expect(md).toContain('- **Proposed by:** Alice (Ombudsman Office)');
    expect(md).toContain('- **Endorsed by:** Women NGO Alliance, Mazhilis Social Committee');
    expect(md).toContain(
      '##### Preamble\n\nThe State shall **adopt** a law on *equal rights*.\n\n- Quotas in parliament by 2030\n- Equal pay audits',
    );
    expect(md).toContain('### 2. Fund shelters');
    expect(md).toContain(
      '1. Open shelters in every region\n2. Train the police\n\nFunded from the state budget.',
    );
    expect(md.indexOf('Ensuring gender equality')).toBeLessThan(md.indexOf('Combating violence'));
  });

  it('scope=agreed holds exactly the agreed recommendations (Markdown, Word, the outcome page)', async () => {
    o = await createOutcomeHarness();
    // The script agreed "Adopt a gender equality law"; "Fund shelters" is discussed.
    const md = await (await o.get(exportPath(o, 'doc=outcome&format=md&scope=agreed'))).text();
    expect(md).toContain('### 1. Adopt a gender equality law');
    expect(md).toContain('**Agreed recommendations only.**');
    expect(md).toContain('The State shall **adopt** a law');
    expect(md).not.toContain('Fund shelters');
    expect(md).not.toContain('Open shelters in every region');
    // The agenda item left without recommendations is left out.
    expect(md).not.toContain('Combating violence against women');
    const all = await (await o.get(exportPath(o, 'doc=outcome&format=md'))).text();
    expect(all).toContain('Fund shelters');
    expect(all).not.toContain('Agreed recommendations only');

    const word = await docx(o, 'doc=outcome&format=docx&scope=agreed');
    const xml = word.files['word/document.xml'] ?? '';
    expect(plain(xml)).toContain('Adopt a gender equality law');
    expect(plain(xml)).toContain('Agreed recommendations only.');
    expect(plain(xml)).not.toContain('Open shelters');
    expect(plain(xml)).not.toContain('Fund shelters');

    const page = (await (await o.get(`/meetings/${o.meetingId}/outcome?scope=agreed`)).json()) as {
      sections: Array<{ recommendations: Array<{ title: string; status: string }> }>;
    };
    const recs = page.sections.flatMap((s) => s.recommendations);
    expect(recs.map((r) => [r.title, r.status])).toEqual([
      ['Adopt a gender equality law', 'agreed'],
    ]);
    expect((await o.get(exportPath(o, 'doc=outcome&format=md&scope=some'))).status).toBe(400);
    const named = await o.get(exportPath(o, 'doc=outcome&format=md&scope=agreed'));
    expect(named.headers.get('content-disposition')).toContain('outcome-agreed');
  });

  it('exports the minutes as Markdown: times, interventions, recommendations', async () => {
    o = await createOutcomeHarness();
    const md = await (await o.get(exportPath(o, 'doc=minutes&format=md&tz=Asia/Almaty'))).text();
    expect(md).toContain('## 1. Ensuring gender equality');
    // Almaty is UTC+5 in 2030: item 1 ran 09:01–09:10 UTC.
    expect(md).toContain('*Planned: 30 min · Actual: 9 min · Started 14:01, Ended 14:10*');
    expect(md).toContain(
      '| 1 | 14:01 | Alice | Ombudsman Office | National human-rights institution | Speak | 2 min |',
    );
    expect(md).toContain('| 2 | 14:04 | Bob | Women NGO Alliance | NGO | Speak | 1 min 15 sec |');
    expect(md).toContain(
      '| 1 | 14:11 | Dana | Mazhilis Social Committee | Parliament | Speak | 45 sec |',
    );
    expect(md).toContain('- **Adopt a gender equality law**: Agreed.');
    expect(md).toContain('- Interventions: 3');
    expect(md).toContain('- Speaking time: 4 min');
  });

  it('uses the chair’s language unless `lang` says otherwise', async () => {
    o = await createOutcomeHarness({ chairLanguage: 'ru' });
    const ru = await (await o.get(exportPath(o, 'doc=outcome&format=md'))).text();
    expect(ru).toContain('# Итоговый документ');
    expect(ru).toContain('## Пункт повестки: Ensuring gender equality');
    expect(ru).toContain('- **Статус:** Согласована');
    const kk = await (await o.get(exportPath(o, 'doc=minutes&format=md&lang=kk'))).text();
    expect(kk).toContain('# Хаттама');
    const en = await (await o.get(exportPath(o, 'doc=outcome&format=md&lang=en'))).text();
    expect(en).toContain('# Outcome document');
  });

  it('answers 400 with a code for bad parameters and 404 to a non-member', async () => {
    o = await createOutcomeHarness();
    for (const q of [
      'format=md',
      'doc=outcome',
      'doc=agenda&format=md',
      'doc=outcome&format=pdf',
      'doc=outcome&format=md&lang=fr',
      'doc=outcome&format=md&tz=Mars/Base',
    ]) {
      const res = await o.get(exportPath(o, q));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'validation_failed',
      );
    }
    expect((await o.get(exportPath(o, 'doc=outcome&format=md'), o.stranger)).status).toBe(404);
  });

  it('exports Word files holding the texts with their formatting', async () => {
    o = await createOutcomeHarness();
    const { files } = await docx(o, 'doc=outcome&format=docx');
    const xml = files['word/document.xml']!;
    expect(runWith(xml, 'adopt')).toContain('<w:b/>');
    expect(runWith(xml, 'equal rights')).toContain('<w:i/>');
    expect(runWith(xml, 'The State shall ')).not.toMatch(/<w:b\/>|<w:i\/>/);
    // Body heading "Preamble" (level 2) sits below the recommendation's Heading 2.
    expect(paragraphWith(xml, 'Preamble')).toContain('w:val="Heading4"');
    expect(paragraphWith(xml, 'Agenda item: Ensuring gender equality')).toContain(
      'w:val="Heading1"',
    );
    expect(paragraphWith(xml, '1. Adopt a gender equality law')).toContain('w:val="Heading2"');
    // Lists are real Word lists: bullets for bulletList, decimal numbering for orderedList.
    const numId = (p: string) => /<w:numId w:val="(\d+)"\/>/.exec(p)?.[1];
    const bullet = numId(paragraphWith(xml, 'Quotas in parliament by 2030'));
    const ordered = numId(paragraphWith(xml, 'Open shelters in every region'));
    expect(bullet).toBeDefined();
    expect(ordered).toBeDefined();
    expect(numId(paragraphWith(xml, 'Train the police'))).toBe(ordered);
    expect(paragraphWith(xml, 'Funded from the state budget.')).not.toContain('<w:numPr>');
    const numbering = files['word/numbering.xml']!;
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toContain('w:val="decimal"');
    expect(plain(xml)).toContain('Endorsed by: Women NGO Alliance, Mazhilis Social Committee');

    const minutes = (await docx(o, 'doc=minutes&format=docx&lang=ru')).files['word/document.xml']!;
    expect(minutes).toContain('<w:tbl>');
    expect(plain(minutes)).toContain('Протокол');
    expect(plain(minutes)).toContain('Ombudsman Office');
  });

  it.skipIf(!hasLibreOffice && !process.env.CI)(
    'converts the Word exports to PDF with LibreOffice',
    { timeout: 180_000 },
    async () => {
      o = await createOutcomeHarness({ chairLanguage: 'kk' });
      const dir = mkdtempSync(join(tmpdir(), 'kenes-lo-'));
      try {
        for (const name of ['outcome', 'minutes']) {
          const { bytes } = await docx(o, `doc=${name}&format=docx`);
          const file = join(dir, `${name}.docx`);
          writeFileSync(file, bytes);
          const pdf = await docxToPdf(dir, file);
          expect(existsSync(pdf), `${name}.pdf`).toBe(true);
          expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('the outcome as Word with tracked changes (tracked=1, issue 18)', () => {
  const TRACKED = 'doc=outcome&format=docx&tracked=1';

  it('carries the NGO’s suggestions as w:ins / w:del authored by its organisation, to every member', async () => {
    o = await createOutcomeHarness();
    ngoSuggests(o);
    const participant = await o.h.signup('participant@example.org');
    await o.store.meetings.putMember({
      meetingId: o.meetingId,
      userId: participant.userId,
      role: 'participant',
      joinedAt: 3,
    });
    for (const cookie of [o.observer, participant.cookie, o.chair]) {
      const { files, res } = await docx(o, TRACKED, cookie);
      const xml = files['word/document.xml']!;
      expect(tracked(xml, 'ins')).toEqual([['Women NGO Alliance', ' and prosecutors']]);
      expect(tracked(xml, 'del')).toEqual([['Women NGO Alliance', 'state ']]);
      expect(plain(xml)).toContain('Train the police and prosecutors');
      expect(plain(xml)).toContain('Funded from the budget.');
      expect(res.headers.get('content-disposition')).toContain('outcome-tracked-2030-01-15.docx');
    }
    expect((await o.get(exportPath(o, TRACKED), o.stranger)).status).toBe(404);

    // The clean export stays clean: the insertion left out, the deletion still text.
    for (const query of ['doc=outcome&format=docx', 'doc=outcome&format=docx&tracked=0']) {
      const xml = (await docx(o, query)).files['word/document.xml']!;
      expect(xml).not.toMatch(/<w:(ins|del)[ >]/);
      expect(plain(xml)).not.toContain('prosecutors');
      expect(plain(xml)).toContain('Funded from the state budget.');
    }
    // With scope=agreed, only the agreed text (which has no pending suggestion) is left.
    const agreed = await docx(o, `${TRACKED}&scope=agreed`);
    expect(agreed.files['word/document.xml']).not.toMatch(/<w:(ins|del)[ >]/);
    expect(plain(agreed.files['word/document.xml']!)).not.toContain('Fund shelters');
    expect(agreed.res.headers.get('content-disposition')).toContain('outcome-agreed-tracked');
  });

  it('credits the meeting organisation, never the profile; a former member as such', async () => {
    o = await createOutcomeHarness();
    ngoSuggests(o);
    // The chair changed Bob's organisation for this meeting; his profile still says otherwise.
    await o.store.meetings.setMemberOrganisation(
      o.meetingId,
      cast.bob.userId,
      'Union of Crisis Centres',
      'ngo',
    );
    const renamed = (await docx(o, TRACKED)).files['word/document.xml']!;
    expect(tracked(renamed, 'ins')).toEqual([['Union of Crisis Centres', ' and prosecutors']]);
    expect(renamed).not.toContain('w:author="Women NGO Alliance"');

    await o.store.meetings.removeMember(o.meetingId, cast.bob.userId);
    const gone = (await docx(o, TRACKED)).files['word/document.xml']!;
    expect(tracked(gone, 'ins')).toEqual([['Former member', ' and prosecutors']]);
    expect(tracked(gone, 'del')).toEqual([['Former member', 'state ']]);
    expect(gone).not.toContain(cast.bob.userId);
    // In the meeting's language.
    const ru = (await docx(o, `${TRACKED}&lang=ru`)).files['word/document.xml']!;
    expect(tracked(ru, 'ins')).toEqual([['Бывший участник', ' and prosecutors']]);
  });

  it('answers 400 for a bad value, or tracked=1 with anything but the outcome as Word', async () => {
    o = await createOutcomeHarness();
    for (const q of [
      'doc=outcome&format=docx&tracked=yes',
      'doc=outcome&format=docx&tracked=true',
      'doc=outcome&format=docx&tracked=2',
      'doc=outcome&format=docx&tracked=',
      'doc=outcome&format=md&tracked=1',
      'doc=minutes&format=docx&tracked=1',
    ]) {
      const res = await o.get(exportPath(o, q));
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, q).toBe('validation_failed');
      expect(body.error.message, q).toEqual(expect.any(String));
    }
    // Membership is checked first: a non-member gets 404 whatever the query says.
    expect(
      (await o.get(exportPath(o, 'doc=minutes&format=docx&tracked=1'), o.stranger)).status,
    ).toBe(404);
  });

  it.skipIf(!hasLibreOffice && !process.env.CI)(
    'opens in LibreOffice: its PDF shows the text with the suggestions',
    { timeout: 180_000 },
    async () => {
      o = await createOutcomeHarness();
      ngoSuggests(o);
      const dir = mkdtempSync(join(tmpdir(), 'kenes-lo-tracked-'));
      try {
        const file = join(dir, 'tracked.docx');
        writeFileSync(file, (await docx(o, TRACKED)).bytes);
        const pdf = await docxToPdf(dir, file);
        expect(existsSync(pdf)).toBe(true);
        const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
        const text = stdout.replace(/\s+/g, ' ');
        expect(text).toContain('Train the police and prosecutors');
        expect(text).toContain('Funded from the state budget.');
        expect(text).toContain('Adopt a gender equality law');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('file names', () => {
  it('slugs titles in any script and gives an ASCII fallback', () => {
    expect(fileSlug('Gender equality: round 2')).toBe('Gender-equality-round-2');
    expect(fileSlug('  ?! ')).toBe('meeting');
    expect(fileSlug('Диалог по правам человека')).toBe('Диалог-по-правам-человека');
    expect(attachmentDisposition('Диалог-outcome.md')).toBe(
      `attachment; filename="______-outcome.md"; filename*=UTF-8''${encodeURIComponent('Диалог-outcome.md')}`,
    );
  });
});
