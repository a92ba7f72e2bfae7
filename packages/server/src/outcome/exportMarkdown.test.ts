import { describe, expect, it } from 'vitest';
import { exportMinutes, exportSuggestions } from '../test-support/exportFixture.js';
import { minutesMarkdown } from './exportMarkdown.js';

const opts = { timeZone: 'UTC', generatedAt: Date.UTC(2030, 0, 15, 10, 0) };

describe('minutes as Markdown', () => {
  it('prints kinds and durations with the web UI’s words (en)', () => {
    const md = minutesMarkdown(exportMinutes(), { ...opts, lang: 'en' });
    expect(md).toContain(
      '| 1 | 09:01 | Aigerim Nurlanovna | National Centre for Human Rights of the Republic of Kazakhstan | National human-rights institution | Speak | 6 min 21 sec |',
    );
    expect(md).toContain('| Union of Crisis Centres | NGO | Reply | 45 sec |');
    expect(md).toContain('*Planned: 30 min · Actual: 9 min 30 sec ·');
    expect(md).toContain('- Actual: 9 min 30 sec');
    expect(md).toContain('- Speaking time: 7 min 6 sec');
    expect(md).toContain('*Planned: 20 min · Actual: — · Pending*');
    expect(md).not.toMatch(/Statement|9\.5 min|6:21|Not taken up/);
  });

  it('in Russian and Kazakh too', () => {
    const ru = minutesMarkdown(exportMinutes(), { ...opts, lang: 'ru' });
    expect(ru).toContain('| Выступление | 6 мин 21 с |');
    expect(ru).toContain('| Реплика | 45 с |');
    expect(ru).toContain('*План: 30 мин · Факт: 9 мин 30 с ·');
    expect(ru).toContain('*План: 20 мин · Факт: — · Ожидает*');
    const kk = minutesMarkdown(exportMinutes(), { ...opts, lang: 'kk' });
    expect(kk).toContain('| Сөз сөйлеу | 6 мин 21 с |');
    expect(kk).toContain('| Реплика | 45 с |');
    expect(kk).toContain('- Сөйлеу уақыты: 7 мин 6 с');
    expect(kk).toContain('*Жоспар: 20 мин · Нақты: — · Күтуде*');
  });

  it('tables the suggestions by organisation, the unknown row last, in en, ru and kk', () => {
    const minutes = { ...exportMinutes(), suggestions: exportSuggestions() };
    const en = minutesMarkdown(minutes, { ...opts, lang: 'en' });
    const table = [
      '## Suggestions by organisation',
      '',
      '*Suggested insertions and deletions in the texts. Made = accepted + rejected + pending; suggestions withdrawn by their authors are not counted.*',
      '',
      '| Organisation | Made | Accepted | Rejected | Pending |',
      '|---|---:|---:|---:|---:|',
      '| National Centre for Human Rights of the Republic of Kazakhstan | 3 | 1 | 1 | 1 |',
      '| Union of Crisis Centres | 2 | 2 | 0 | 0 |',
      '| *Unknown* | 1 | 0 | 0 | 1 |',
    ].join('\n');
    expect(en).toContain(table);
    // After the agenda, before the totals.
    expect(en.indexOf(table)).toBeLessThan(en.indexOf('## Total'));
    const ru = minutesMarkdown(minutes, { ...opts, lang: 'ru' });
    expect(ru).toContain('## Предложения по организациям');
    expect(ru).toContain('| Организация | Внесено | Принято | Отклонено | На рассмотрении |');
    expect(ru).toContain('| *Неизвестно* | 1 | 0 | 0 | 1 |');
    const kk = minutesMarkdown(minutes, { ...opts, lang: 'kk' });
    expect(kk).toContain('## Ұйымдар бойынша ұсыныстар');
    expect(kk).toContain('| Ұйым | Енгізілді | Қабылданды | Қабылданбады | Қаралмаған |');
    expect(kk).toContain('| Union of Crisis Centres | 2 | 2 | 0 | 0 |');
  });

  it('leaves the section out when nobody suggested anything, and escapes names', () => {
    expect(minutesMarkdown(exportMinutes(), { ...opts, lang: 'en' })).not.toContain(
      'Suggestions by organisation',
    );
    const md = minutesMarkdown(
      {
        ...exportMinutes(),
        suggestions: [{ organisation: 'A | B *C*', made: 1, accepted: 1, rejected: 0, pending: 0 }],
      },
      { ...opts, lang: 'en' },
    );
    expect(md).toContain('| A \\| B \\*C\\* | 1 | 1 | 0 | 0 |');
  });
});
