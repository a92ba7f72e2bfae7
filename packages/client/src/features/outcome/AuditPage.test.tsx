import { describe, expect, it } from 'vitest';
import { render, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { AuditEntry, Minutes } from '@kenes/shared';
import { createI18n } from '../../i18n/allLanguages.js';
import { AuditTable } from './AuditPage.js';
import { auditNames } from './auditText.js';

const entry = (id: number, action: string, payload: object, result = 'ok'): AuditEntry => ({
  id,
  meetingId: 'm1',
  userId: 'chair',
  action,
  payload: JSON.stringify({ type: action, ...payload }),
  result,
  at: Date.UTC(2030, 0, 15, 9, id),
  count: result === 'ok' ? 1 : 3,
});

const minutes = {
  items: [
    {
      id: 'i1',
      title: 'Gender equality',
      interventions: [{ entryId: 'e1', speaker: 'Aigerim Nurlanovna', organisation: 'UNDP' }],
      recommendations: [{ id: 'r1', title: 'Adopt a law' }],
    },
  ],
  outsideAgenda: { interventions: [], recommendations: [] },
} as unknown as Minutes;

const names = auditNames([{ userId: 'chair', name: 'Dana Seitkali' }], minutes);
const entries = [
  entry(1, 'queue.grant', { entryId: 'e1' }),
  entry(2, 'queue.request', { kind: 'speak' }, 'list_closed'),
  entry(3, 'agenda.start', { itemId: 'i1' }),
  entry(4, 'rec.setStatus', { recId: 'r1', status: 'agreed' }),
  entry(5, 'queue.timer', { action: 'extend', seconds: 60 }),
];

function table(lang: 'en' | 'ru' | 'kk') {
  const { container } = render(
    <I18nextProvider i18n={createI18n(lang)}>
      <AuditTable entries={entries} names={names} />
    </I18nextProvider>,
  );
  return within(container).getAllByTestId('audit-row');
}

describe('AuditTable', () => {
  it('says what happened in words, names the people and things, and keeps the raw command in details', () => {
    const rows = table('en');
    const what = rows.map((r) => within(r).getByTestId('audit-what').textContent);
    expect(what).toEqual([
      'Dana Seitkali gave the floor to Aigerim Nurlanovna (UNDP)',
      'Dana Seitkali asked for the floor (Speak)',
      'Dana Seitkali started the agenda item “Gender equality”',
      'Dana Seitkali set the recommendation “Adopt a law” to “Agreed”',
      'Dana Seitkali gave the speaker 1 min more',
    ]);
    expect(rows[1]!.textContent).toContain(
      'Refused: the list of speakers was closed ×3 within a minute',
    );
    // The command as sent is there for the chair, folded away.
    const raw = rows[0]!.querySelector('details')!;
    expect(raw.textContent).toContain('queue.grant');
    expect(raw.textContent).toContain('"entryId":"e1"');
    for (const r of rows) {
      const outside = r.cloneNode(true) as HTMLElement;
      outside.querySelector('details')?.remove();
      expect(outside.textContent).not.toMatch(/[a-z]+\.[a-z]+|\{"|list_closed/i);
    }
  });

  it('in Russian and Kazakh', () => {
    const ru = table('ru').map((r) => within(r).getByTestId('audit-what').textContent);
    expect(ru[0]).toBe('Dana Seitkali предоставил(а) слово: Aigerim Nurlanovna (UNDP)');
    expect(table('ru')[1]!.textContent).toContain('Отклонено: список выступающих был закрыт');
    const kk = table('kk').map((r) => within(r).getByTestId('audit-what').textContent);
    expect(kk[0]).toBe('Dana Seitkali сөз берді: Aigerim Nurlanovna (UNDP)');
    expect(kk[4]).toBe('Dana Seitkali сөйлеу уақытын ұзартты: 1 мин');
  });
});
