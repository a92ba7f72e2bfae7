import { createElement, lazy, type ComponentType } from 'react';

/** A page in a chunk of its own: the component to route to, and a way to start its download. */
export interface LazyPage<P extends object> {
  Page: ComponentType<P>;
  /** Starts loading the chunk (once); resolves when the page can render. */
  preload(): Promise<unknown>;
}

/**
 * `React.lazy`, except that a page whose chunk is already in renders at
 * once instead of suspending. React.lazy suspends on its first render even
 * when the import has long resolved, and React 19 then holds the revealed
 * page back until 300 ms after its fallback showed (its Suspense
 * throttle): a room whose chunk `preloadPage` had fetched before React got
 * to it still waited up to 200 ms doing nothing. Only a page still
 * downloading goes through `lazy` and the fallback.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        // A failed download may be tried again (the next visit).
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((page) => ({ default: page })));
  function Page(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy, props);
  }
  return { Page, preload };
}
