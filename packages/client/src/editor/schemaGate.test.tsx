import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, within } from '@testing-library/react';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import { editorSchema, meetingRoots } from '@kenes/shared';
import { baseExtensions } from './extensions.js';
import { RecommendationEditor } from './RecommendationEditor.js';

/**
 * Issue 15, finding 1, in the browser's editor: the Yjs binding deletes
 * what it cannot build a node for. An editor must never turn content
 * outside its schema into a deletion — not when such content is already
 * in the text it opens, not when it arrives while it is open.
 */
const user = { id: 'u1', name: 'Olga', organisation: 'UNDP', color: '#333333' };
const REMOTE = 'remote';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The fragment's characters, without formats. */
function plain(f: Y.XmlFragment): string {
  return f
    .toArray()
    .map((p) =>
      p instanceof Y.XmlElement
        ? p
            .toArray()
            .map((t) =>
              t instanceof Y.XmlText
                ? t
                    .toDelta()
                    .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
                    .join('')
                : '',
            )
            .join('')
        : '',
    )
    .join('\n');
}

/** The server's doc with three paragraphs, and a client doc synced from it. */
function setup(): { server: Y.Doc; doc: Y.Doc; fragment: Y.XmlFragment; writes: Uint8Array[] } {
  const server = new Y.Doc();
  const f = new Y.XmlFragment();
  meetingRoots(server).texts.set('r1', f);
  for (const line of ['Adopt a law', 'Train the police', 'Fund shelters']) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(line)]);
    f.insert(f.length, [p]);
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), REMOTE);
  const writes: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) writes.push(u);
  });
  return { server, doc, fragment: meetingRoots(doc).texts.get('r1')!, writes };
}

/** Runs `edit` on the server's doc and delivers the change to the client, as the socket would. */
function remote(server: Y.Doc, doc: Y.Doc, edit: (f: Y.XmlFragment) => void): void {
  const sv = Y.encodeStateVector(server);
  server.transact(() => edit(meetingRoots(server).texts.get('r1')!));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, sv), REMOTE);
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 50)));

function renderEditor(fragment: Y.XmlFragment, editable = true) {
  // With presence, as in the room: the carets' plugin is torn down with the binding.
  const awareness = new Awareness(fragment.doc!);
  return render(
    <RecommendationEditor
      fragment={fragment}
      editable={editable}
      awareness={awareness}
      user={user}
      label="Text"
    />,
  );
}

const hostile: Array<[string, (f: Y.XmlFragment) => void]> = [
  [
    'a format {x: true} on each paragraph',
    (f) => {
      for (const p of f.toArray())
        ((p as Y.XmlElement).get(0) as Y.XmlText).format(0, 1, { x: true });
    },
  ],
  ['an <image> element', (f) => f.insert(1, [new Y.XmlElement('image')])],
  [
    'a link mark',
    (f) =>
      ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 5, {
        link: { href: 'https://undp.org' },
      }),
  ],
];

describe('content outside the schema never becomes a deletion', () => {
  it.each(hostile)(
    '%s arriving while the editor is open: nothing is written, the text stays',
    async (_name, edit) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { server, doc, fragment, writes } = setup();
      const view = renderEditor(fragment);
      await settle();
      expect(view.container.querySelector('[contenteditable="true"]')).not.toBeNull();
      const before = fragment.toString();

      await act(async () => remote(server, doc, edit));
      await settle();

      expect(writes).toEqual([]);
      expect(fragment.toString()).toBe(meetingRoots(server).texts.get('r1')!.toString());
      expect(fragment.toString()).not.toBe(before);
      for (const line of ['Adopt a law', 'Train the police', 'Fund shelters'])
        expect(plain(fragment)).toContain(line);
      // Shown read-only with a notice, the readable text still there.
      expect(view.container.querySelector('[contenteditable="true"]')).toBeNull();
      expect(within(view.container).getByRole('status').textContent).toMatch(
        /outsideSchema|cannot show/,
      );
      expect(view.container.textContent).toContain('Train the police');
      view.unmount();
      expect(writes).toEqual([]);
    },
  );

  it.each(hostile)(
    '%s already in the text it opens: nothing is bound, nothing written',
    async (_name, edit) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { server, doc, fragment, writes } = setup();
      remote(server, doc, edit);
      const before = fragment.toString();
      const view = renderEditor(fragment);
      await settle();
      expect(writes).toEqual([]);
      expect(fragment.toString()).toBe(before);
      expect(view.container.querySelector('[contenteditable="true"]')).toBeNull();
      expect(view.container.textContent).toContain('Fund shelters');
      view.unmount();
    },
  );

  it('binds again once the content is gone, and edits normally', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { server, doc, fragment, writes } = setup();
    remote(server, doc, (f) => f.insert(1, [new Y.XmlElement('image')]));
    const view = renderEditor(fragment);
    await settle();
    expect(view.container.querySelector('[contenteditable="true"]')).toBeNull();
    await act(async () => remote(server, doc, (f) => f.delete(1, 1)));
    await settle();
    expect(view.container.querySelector('[contenteditable="true"]')).not.toBeNull();
    expect(within(view.container).queryByRole('status')).toBeNull();
    expect(writes).toEqual([]);
    view.unmount();
  });

  it('the read-only view does not throw on values no editor writes', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { server, doc, fragment, writes } = setup();
    // A raw value in the fragment's child list, a map in a paragraph, an embed in text.
    remote(server, doc, (f) => {
      (f as unknown as Y.Array<unknown>).insert(0, ['raw' as never]);
      ((f.get(1) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' });
    });
    const view = renderEditor(fragment, false);
    await settle();
    expect(view.container.textContent).toContain('Train the police');
    expect(within(view.container).getByRole('status')).not.toBeNull();
    expect(writes).toEqual([]);
    view.unmount();
  });
});

describe("the schema the browser's editor really has", () => {
  it('is the shared one the server checks against (core extensions add nothing)', () => {
    const doc = new Y.Doc();
    const fragment = new Y.XmlFragment();
    meetingRoots(doc).texts.set('r1', fragment);
    const editor = new Editor({
      extensions: [...baseExtensions(), Collaboration.configure({ fragment })],
    });
    const shape = (s: typeof editor.schema) => ({
      nodes: Object.fromEntries(
        Object.values(s.nodes).map((n) => [
          n.name,
          [n.spec.content ?? '', Object.keys(n.spec.attrs ?? {})],
        ]),
      ),
      marks: Object.fromEntries(
        Object.values(s.marks).map((m) => [m.name, Object.keys(m.spec.attrs ?? {})]),
      ),
    });
    expect(shape(editor.schema)).toEqual(shape(editorSchema()));
    editor.destroy();
  });
});
