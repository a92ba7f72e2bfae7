import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { meetingRoots } from '@kenes/shared';
import { RecommendationEditor } from './RecommendationEditor.js';
import { isDrawableState } from './remoteCarets.js';
import { readPresence } from '../sync/usePresence.js';

const user = { id: 'u1', name: 'Dana', organisation: 'NGO', color: '#b91c1c' };

/** States a server could relay (issue 15.2): none may break an editor or the presence list. */
const MALFORMED: unknown[] = [
  { user: { name: 'Olga' }, cursor: { anchor: null, head: null } },
  { cursor: { anchor: { type: null }, head: 5 } },
  { user: 'not an object', cursor: null },
  { user: null, cursor: { anchor: 'x', head: 'y' } },
  { user: [1, 2], cursor: [] },
  { user: { name: 42, organisation: {}, color: 'hsl(0 0% 0%)' }, cursor: { anchor: {}, head: {} } },
  { cursor: { anchor: { item: { client: 'a', clock: 1 } }, head: { tname: 'meeting' } } },
  { cursor: { anchor: { type: null, tname: null, item: { client: 1, clock: 1 }, assoc: 0 } } },
];

describe('remote carets survive any awareness state', () => {
  it('isDrawableState accepts only a well-formed caret', () => {
    for (const s of MALFORMED) expect(isDrawableState(s), JSON.stringify(s)).toBe(false);
    const at = { type: null, tname: null, item: { client: 1, clock: 1 }, assoc: 0 };
    expect(isDrawableState({ user: { name: 'A' }, cursor: { anchor: at, head: at } })).toBe(true);
  });

  it('an editor opened while malformed states are present renders, and keeps showing remote edits', async () => {
    const doc = new Y.Doc();
    const fragment = new Y.XmlFragment();
    meetingRoots(doc).texts.set('r1', fragment);
    const awareness = new Awareness(doc);
    const put = (states: unknown[]) =>
      states.forEach((s, i) => awareness.states.set(1000 + i, s as Record<string, unknown>));
    put(MALFORMED);
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);

    const view = render(
      <RecommendationEditor
        fragment={fragment}
        editable
        awareness={awareness}
        user={user}
        label="Text"
      />,
    );
    await act(async () => new Promise((r) => setTimeout(r, 30)));
    expect(view.container.querySelector('[contenteditable="true"]')).not.toBeNull();

    // Another person's edit arrives, and the malformed states change meanwhile.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Adopt the law on gender equality')]);
    meetingRoots(other).texts.get('r1')!.insert(0, [p]);
    await act(async () => {
      put([...MALFORMED].reverse());
      awareness.emit('change', [{ added: [], updated: [1000, 1001], removed: [] }, 'remote']);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
      await new Promise((r) => setTimeout(r, 30));
    });
    expect(view.container.textContent).toContain('Adopt the law on gender equality');
    expect(() => readPresence(awareness)).not.toThrow();
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    view.unmount();
  });
});
