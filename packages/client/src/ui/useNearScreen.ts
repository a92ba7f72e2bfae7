import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { idleQueue } from '../editor/idleQueue.js';

/** How far outside the viewport something counts as near already (scrolling ahead). */
const NEAR = '50% 0px';

/**
 * True once the element of `ref` is near the viewport (an
 * IntersectionObserver), or when its turn in the page's idle queue comes
 * (cards in order, one per idle moment, rendered at once so the moment's
 * budget counts it), or after `show()`; then stays true. What a meeting with
 * hundreds of cards draws in full only where someone looks. True from the
 * start where there is no IntersectionObserver (tests, old browsers).
 */
export function useNearScreen(ref: RefObject<HTMLElement | null>): [boolean, () => void] {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (near || ref.current === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: NEAR },
    );
    observer.observe(ref.current);
    const cancel = idleQueue.add(() => flushSync(() => setNear(true)));
    return () => {
      observer.disconnect();
      cancel();
    };
  }, [near, ref]);
  return [near, () => setNear(true)];
}
