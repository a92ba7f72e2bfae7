import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import * as Y from 'yjs';
import { meetingRoots, readMeeting } from '@kenes/shared';
import { useDocValue } from './useDocValue.js';

describe('useDocValue', () => {
  it('re-reads the doc after each update', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useDocValue(doc, readMeeting));
    expect(result.current.title).toBe('');

    act(() => meetingRoots(doc).meeting.set('title', 'Gender equality dialogue'));
    expect(result.current.title).toBe('Gender equality dialogue');
  });

  it('sees updates applied from a remote doc', () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    meetingRoots(remote).meeting.set('status', 'live');
    const { result } = renderHook(() => useDocValue(local, readMeeting));
    expect(result.current.status).toBe('scheduled');

    act(() => Y.applyUpdate(local, Y.encodeStateAsUpdate(remote)));
    expect(result.current.status).toBe('live');
  });

  it('renders once on mount when the doc did not change, and re-reads when it did meanwhile', () => {
    const doc = new Y.Doc();
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useDocValue(doc, readMeeting);
    });
    // StrictMode is off here: one render, no second one for a needless re-read at subscribe.
    expect(renders).toBe(1);
    act(() => meetingRoots(doc).meeting.set('title', 'Changed'));
    expect(result.current.title).toBe('Changed');
  });

  it('reads the doc once per update however many components read it with the same reader (200 cards)', () => {
    const doc = new Y.Doc();
    let reads = 0;
    const counted = (d: Y.Doc) => {
      reads++;
      return readMeeting(d);
    };
    const hooks = Array.from({ length: 20 }, () => renderHook(() => useDocValue(doc, counted)));
    expect(reads).toBe(1);
    act(() => meetingRoots(doc).meeting.set('title', 'Read once'));
    expect(reads).toBe(2);
    for (const h of hooks) expect(h.result.current.title).toBe('Read once');
    // One value for all: the same object.
    expect(new Set(hooks.map((h) => h.result.current)).size).toBe(1);
  });

  it('returns the same object while nothing changes', () => {
    const doc = new Y.Doc();
    const { result, rerender } = renderHook(() => useDocValue(doc, readMeeting));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  it('renders nothing when an update leaves the value equal (a keystroke in some text)', () => {
    const doc = new Y.Doc();
    meetingRoots(doc).meeting.set('title', 'Dialogue');
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useDocValue(doc, readMeeting);
    });
    const first = result.current;
    const before = renders;
    act(() => {
      const text = new Y.XmlText('Fund shelters');
      meetingRoots(doc).texts.set('rec-1', new Y.XmlFragment());
      meetingRoots(doc).texts.get('rec-1')!.insert(0, [text]);
    });
    act(() => meetingRoots(doc).meeting.set('title', 'Dialogue'));
    expect(result.current).toBe(first);
    expect(renders).toBe(before);
    act(() => meetingRoots(doc).meeting.set('title', 'Another dialogue'));
    expect(result.current.title).toBe('Another dialogue');
    expect(renders).toBe(before + 1);
  });

  it('follows a new doc', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    meetingRoots(b).meeting.set('title', 'B');
    const { result, rerender } = renderHook(({ doc }) => useDocValue(doc, readMeeting), {
      initialProps: { doc: a },
    });
    expect(result.current.title).toBe('');
    rerender({ doc: b });
    expect(result.current.title).toBe('B');
  });
});
