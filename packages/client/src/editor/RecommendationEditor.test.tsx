import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { RecommendationEditor } from './RecommendationEditor.js';

const user = { id: 'u1', name: 'Olga', organisation: 'UNDP', color: '#333' };

/** A doc as the server makes it: a recommendation's fragment, empty or with text. */
function serverDoc(text?: string): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const server = new Y.Doc();
  const fragment = new Y.XmlFragment();
  meetingRoots(server).texts.set('r1', fragment);
  if (text !== undefined) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(0, [p]);
  }
  // The client's copy, synced from the server.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return { doc, fragment: meetingRoots(doc).texts.get('r1')! };
}

function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') updates.push(u);
  });
  return updates;
}

describe('RecommendationEditor, read only', () => {
  it('opening an empty fragment writes nothing to the doc', async () => {
    const { doc, fragment } = serverDoc();
    const updates = recordUpdates(doc);
    const view = render(
      <RecommendationEditor
        fragment={fragment}
        editable={false}
        awareness={null}
        user={user}
        label="Text"
      />,
    );
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(updates).toEqual([]);
    expect(fragment.length).toBe(0);
    const box = view.container.querySelector('[contenteditable]');
    expect(box?.getAttribute('contenteditable')).toBe('false');
    view.unmount();
    expect(updates).toEqual([]);
  });

  it('shows the text, follows remote changes, and still writes nothing', async () => {
    const { doc, fragment } = serverDoc('Adopt the law');
    const updates = recordUpdates(doc);
    const view = render(
      <RecommendationEditor
        fragment={fragment}
        editable={false}
        awareness={null}
        user={user}
        label="Text"
      />,
    );
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(view.container.textContent).toContain('Adopt the law');

    // A participant's edit arrives from the server.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('on gender equality')]);
    meetingRoots(other).texts.get('r1')!.insert(1, [p]);
    await act(async () => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(view.container.textContent).toContain('on gender equality');
    expect(updates).toEqual([]);
    view.unmount();
  });
});

describe('RecommendationEditor, editable', () => {
  it('binds to the fragment: opening it empty writes nothing either', async () => {
    const { doc, fragment } = serverDoc();
    const updates = recordUpdates(doc);
    const view = render(
      <RecommendationEditor
        fragment={fragment}
        editable
        awareness={null}
        user={user}
        label="Text"
      />,
    );
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(view.container.querySelector('[contenteditable="true"]')).not.toBeNull();
    expect(updates).toEqual([]);
    view.unmount();
  });
});
