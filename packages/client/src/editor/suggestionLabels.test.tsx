import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { useCallback } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { Editor } from '@tiptap/react';
import { listSuggestions, meetingRoots, type Language, type SuggestionMark } from '@kenes/shared';
import { createI18n } from '../i18n/allLanguages.js';
import { suggesterLabel } from '../features/recommendations/suggesterLabel.js';
import type { Person } from '../features/recommendations/usePeople.js';
import { RecommendationEditor } from './RecommendationEditor.js';

/**
 * The suggestion labels (issue 18): "Suggested by Dana Seitkali, Union of
 * Crisis Centres · 12:41" — who from the member records, when from the
 * mark, in the reader's language and time zone; and the time a new
 * suggestion is stamped with is the server's clock as the room reckons it.
 */

/** 12:41 on the reader's own clock (the test runs in whatever zone the machine has). */
const AT = new Date(2030, 0, 15, 12, 41).getTime();
const PEOPLE: Record<string, Person> = {
  'u-dana': { name: 'Dana Seitkali', organisation: 'Union of Crisis Centres' },
};
const user = { id: 'u-me', name: 'Marat', organisation: 'Ministry of Justice', color: '#333' };

/** Marks as y-prosemirror stores them (format key `kind--<8 characters>`). */
function format(kind: 'insertion' | 'deletion', mark: SuggestionMark, key: string) {
  return { [`${kind}--${key}`]: mark };
}

/**
 * "Adopt a law now" with dana's insertion " today" dated 12:41, her deletion of
 * "now" with no time (made before times were kept), and an insertion by
 * someone who is no member, dated 12:41.
 */
function textWithSuggestions(): Y.XmlFragment {
  const server = new Y.Doc();
  const fragment = new Y.XmlFragment();
  meetingRoots(server).texts.set('r1', fragment);
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  fragment.insert(0, [p]);
  text.insert(0, 'Adopt a law now');
  text.format(12, 3, format('deletion', { id: 'u-dana:d1', by: 'u-dana' }, 'AAAAAAAA'));
  text.insert(
    15,
    ' today',
    format('insertion', { id: 'u-dana:i1', by: 'u-dana', at: AT }, 'BBBBBBBB'),
  );
  text.insert(
    text.length,
    '!',
    format('insertion', { id: 'u-gone:i2', by: 'u-gone', at: AT }, 'CCCCCCCC'),
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return meetingRoots(doc).texts.get('r1')!;
}

/** The editor as the recommendation card wires it: labels from the member records. */
function Labelled({
  fragment,
  editable,
  now,
}: {
  fragment: Y.XmlFragment;
  editable: boolean;
  now?: () => number;
}) {
  const { t, i18n } = useTranslation();
  const describe = useCallback(
    (id: string, at: number | null) => ({
      label: suggesterLabel(t, i18n.language, PEOPLE[id], at),
      colour: '#c00',
    }),
    [t, i18n.language],
  );
  return (
    <RecommendationEditor
      fragment={fragment}
      editable={editable}
      awareness={null}
      user={user}
      label="Text"
      suggesting={{
        on: true,
        forced: false,
        onToggle: () => undefined,
        describe,
        ...(now ? { now } : {}),
      }}
    />
  );
}

async function renderIn(lang: Language, editable: boolean, fragment = textWithSuggestions()) {
  const view = render(
    <I18nextProvider i18n={createI18n(lang)}>
      <Labelled fragment={fragment} editable={editable} now={() => AT + 5_000} />
    </I18nextProvider>,
  );
  await act(async () => new Promise((r) => setTimeout(r, 50)));
  const titles = (selector: string) =>
    [...view.container.querySelectorAll(selector)].map((el) => [
      el.textContent,
      el.getAttribute('title'),
    ]);
  return { view, fragment, titles };
}

describe('suggestion labels', () => {
  it('name the suggester and the time, in the reader’s language (editable and read-only)', async () => {
    const want: Record<Language, Array<[string, string]>> = {
      en: [
        [' today', `Suggested by Dana Seitkali, Union of Crisis Centres · ${enTime(AT)}`],
        ['!', `Suggested by a former member · ${enTime(AT)}`],
      ],
      ru: [
        [' today', 'Предложил(а) Dana Seitkali, Union of Crisis Centres · 12:41'],
        ['!', 'Предложение бывшего участника · 12:41'],
      ],
      kk: [
        [' today', 'Ұсынған: Dana Seitkali, Union of Crisis Centres · 12:41'],
        ['!', 'Бұрынғы қатысушының ұсынысы · 12:41'],
      ],
    };
    const noTime: Record<Language, string> = {
      en: 'Suggested by Dana Seitkali, Union of Crisis Centres',
      ru: 'Предложил(а) Dana Seitkali, Union of Crisis Centres',
      kk: 'Ұсынған: Dana Seitkali, Union of Crisis Centres',
    };
    for (const lang of ['en', 'ru', 'kk'] as const)
      for (const editable of [true, false]) {
        const { view, titles } = await renderIn(lang, editable);
        expect(titles('.suggested-insertion'), `${lang} ${editable}`).toEqual(want[lang]);
        // A mark from before times were kept: who, and no time.
        expect(titles('.suggested-deletion'), `${lang} ${editable}`).toEqual([
          ['now', noTime[lang]],
        ]);
        view.unmount();
      }
  });

  it('a new suggestion is stamped with the server’s time as the room reckons it', async () => {
    const { view, fragment } = await renderIn('en', true);
    const dom = view.container.querySelector('.ProseMirror') as HTMLElement & { editor?: Editor };
    const editor = dom.editor;
    expect(editor).toBeDefined();
    await act(async () => {
      editor!.commands.setTextSelection(editor!.state.doc.content.size - 1);
      editor!.commands.insertContent('x');
    });
    const mine = listSuggestions(fragment).filter((s) => s.by === 'u-me');
    expect(mine.map((s) => [s.kind, s.text, s.at])).toEqual([['insertion', 'x', AT + 5_000]]);
    view.unmount();
  });
});

/** What English prints for a time of day (the runtime's short time style). */
function enTime(at: number): string {
  return new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(at);
}
