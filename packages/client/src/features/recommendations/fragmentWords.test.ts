import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { fragmentWords } from './fragmentWords.js';

describe('fragmentWords', () => {
  it('counts the words of every paragraph, marks ignored', () => {
    const doc = new Y.Doc();
    const f = new Y.XmlFragment();
    const empty = new Y.XmlFragment();
    meetingRoots(doc).texts.set('t', f);
    meetingRoots(doc).texts.set('empty', empty);
    const p1 = new Y.XmlElement('paragraph');
    const p2 = new Y.XmlElement('paragraph');
    f.insert(0, [p1, p2]);
    const t1 = new Y.XmlText();
    p1.insert(0, [t1]);
    t1.insert(0, 'Adopt a ');
    t1.insert(8, 'law', { bold: {} });
    const t2 = new Y.XmlText();
    p2.insert(0, [t2]);
    t2.insert(0, 'by 2027.');
    expect(fragmentWords(f)).toBe(5);
    expect(fragmentWords(null)).toBe(0);
    expect(fragmentWords(empty)).toBe(0);
  });
});
