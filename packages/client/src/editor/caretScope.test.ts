import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { meetingRoots } from '@kenes/shared';
import { scopedAwareness } from './caretScope.js';

/** A doc with two recommendation texts, one paragraph each. */
function twoTexts() {
  const doc = new Y.Doc();
  const texts = ['a', 'b'].map((key) => {
    const fragment = new Y.XmlFragment();
    meetingRoots(doc).texts.set(key, fragment);
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('Fund shelters in every region');
    p.insert(0, [text]);
    fragment.insert(0, [p]);
    return { fragment, text };
  });
  return { doc, a: texts[0]!, b: texts[1]!, awareness: new Awareness(doc) };
}

const caretAt = (text: Y.XmlText, index: number) => {
  const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: at, head: at };
};

describe('scopedAwareness', () => {
  it('tells an editor only about carets that are or were in its text', () => {
    const { a, b, awareness } = twoTexts();
    const heard = { a: 0, b: 0 };
    scopedAwareness(awareness, a.fragment).on('change', () => heard.a++);
    scopedAwareness(awareness, b.fragment).on('change', () => heard.b++);
    const remote = (
      id: number,
      state: Record<string, unknown> | null,
      kind: 'added' | 'updated' | 'removed',
    ) => {
      if (state === null) awareness.states.delete(id);
      else awareness.states.set(id, state);
      const changes = { added: [] as number[], updated: [] as number[], removed: [] as number[] };
      changes[kind].push(id);
      awareness.emit('change', [changes, 'remote']);
    };

    remote(7, { user: { name: 'Dana' }, cursor: caretAt(a.text, 3) }, 'added');
    expect(heard).toEqual({ a: 1, b: 0 });
    remote(7, { user: { name: 'Dana' }, cursor: caretAt(a.text, 4) }, 'updated');
    expect(heard).toEqual({ a: 2, b: 0 });
    // Moves to the other text: the first loses its caret, the second draws it.
    remote(7, { user: { name: 'Dana' }, cursor: caretAt(b.text, 1) }, 'updated');
    expect(heard).toEqual({ a: 3, b: 1 });
    // Someone without a caret (presence only) redraws nothing.
    remote(8, { user: { name: 'Olga' } }, 'added');
    expect(heard).toEqual({ a: 3, b: 1 });
    remote(7, null, 'removed');
    expect(heard).toEqual({ a: 3, b: 2 });
  });

  it('counts a caret it cannot place yet as here, and never my own', () => {
    const { a, b, awareness } = twoTexts();
    const heard = { a: 0, b: 0 };
    scopedAwareness(awareness, a.fragment).on('change', () => heard.a++);
    scopedAwareness(awareness, b.fragment).on('change', () => heard.b++);
    const unknown = { type: null, tname: null, item: { client: 4242, clock: 9 }, assoc: 0 };
    awareness.states.set(9, { cursor: { anchor: unknown, head: unknown } });
    awareness.emit('change', [{ added: [9], updated: [], removed: [] }, 'remote']);
    expect(heard).toEqual({ a: 1, b: 1 });
    awareness.setLocalStateField('cursor', caretAt(a.text, 2));
    expect(heard).toEqual({ a: 1, b: 1 });
  });

  it('hears a caret already there when it started, and stops on off', () => {
    const { a, awareness } = twoTexts();
    awareness.states.set(5, { cursor: caretAt(a.text, 0) });
    const scoped = scopedAwareness(awareness, a.fragment);
    let heard = 0;
    const listener = () => heard++;
    scoped.on('change', listener);
    awareness.states.delete(5);
    awareness.emit('change', [{ added: [], updated: [], removed: [5] }, 'remote']);
    expect(heard).toBe(1);
    scoped.off('change', listener);
    awareness.states.set(5, { cursor: caretAt(a.text, 0) });
    awareness.emit('change', [{ added: [5], updated: [], removed: [] }, 'remote']);
    expect(heard).toBe(1);
    expect(scoped.getStates()).toBe(awareness.getStates());
  });
});
