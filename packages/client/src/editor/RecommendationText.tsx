import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RecommendationEditorProps } from './editorProps.js';
import { idleQueue } from './idleQueue.js';
import { StaticText } from './StaticText.js';
import { SuggestingToolbar } from './SuggestingToolbar.js';

/** The live editor (Tiptap, ProseMirror, the Yjs binding): a chunk of its own. */
const loadEditor = () => import('./RecommendationEditor.js');
const RecommendationEditor = lazy(() =>
  loadEditor().then((m) => ({ default: m.RecommendationEditor })),
);

/** Starts downloading the editor's chunk (the room does so as it opens). */
export function preloadEditor(): void {
  void loadEditor().catch(() => undefined);
}

/** How far outside the viewport a text gets its live editor already (scrolling ahead). */
const NEAR = '100% 0px';

/**
 * A recommendation's text: the live editor once the text is near the screen
 * (an IntersectionObserver), focused or clicked, or when the page is next
 * idle (one editor per idle moment, in the cards' order); until then the
 * same text drawn without an editor ({@link StaticText}), so a meeting with
 * hundreds of texts opens in the time a few editors take. The placeholder
 * keeps the editor's name and role, and can be reached with Tab: focusing it
 * makes the editor and moves the focus into it.
 */
export function RecommendationText(props: RecommendationEditorProps) {
  const box = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState(() => typeof IntersectionObserver === 'undefined');
  const [focusOnMount, setFocusOnMount] = useState(false);

  useEffect(() => {
    if (live || box.current === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLive(true);
      },
      { rootMargin: NEAR },
    );
    observer.observe(box.current);
    // Rendered at once, so the idle moment's budget counts this editor's making.
    const cancel = idleQueue.add(() => flushSync(() => setLive(true)));
    return () => {
      observer.disconnect();
      cancel();
    };
  }, [live]);

  useEffect(() => {
    if (!live || !focusOnMount) return;
    // The editor mounts its view after the chunk and React's commit: wait for it.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const target = box.current?.querySelector<HTMLElement>('.ProseMirror[contenteditable]');
      if (target) {
        target.focus();
        setFocusOnMount(false);
      } else if (tries++ < 120) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [live, focusOnMount]);

  const goLive = () => {
    setLive(true);
    setFocusOnMount(true);
  };
  const placeholder = (
    <>
      {props.editable && props.suggesting && <SuggestingToolbar suggesting={props.suggesting} />}
      <div className="editor" data-editable={props.editable ? 'true' : 'false'} data-static="true">
        <div
          className="editor-body static-text"
          role="textbox"
          aria-label={props.label}
          aria-multiline="true"
          aria-readonly={props.editable ? undefined : 'true'}
          tabIndex={0}
          onFocus={goLive}
          onMouseDown={goLive}
        >
          <StaticText fragment={props.fragment} describe={props.suggesting?.describe} />
        </div>
      </div>
    </>
  );
  return (
    <div ref={box} className="rec-text">
      {live ? (
        <Suspense fallback={placeholder}>
          <RecommendationEditor {...props} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
